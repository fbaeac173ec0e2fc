package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.testing.Parallel;
import io.portcullis.twofactor.ServerSecretCheck.Outcome;
import io.portcullis.user.User;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which server secret a database's two-factor data is under, recorded and compared against each real database. */
abstract class ServerSecretCheckContract extends TwoFactorStoreTesting {
    private static final byte[] SECRET = "the-secret-every-instance-shares-1234".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "a-secret-one-instance-was-given-5678".getBytes(StandardCharsets.UTF_8);

    private ServerSecretCheck check;

    @BeforeEach
    void emptyDatabase() {
        check = new ServerSecretCheck(db, clock);
        db.withHandle(h -> h.execute("DELETE FROM server_secret_check") + h.execute("DELETE FROM two_factor"));
    }

    private void enrolUnder(byte[] serverSecret, User user) {
        assertThat(enrolments.savePending(user.id(), new SecretCipher(serverSecret).encrypt(user.id(), Totp.newSecret()),
                new BackupCodes(serverSecret).stored(new BackupCodes(serverSecret).generate()), now())).isTrue();
    }

    private List<String> recordedValues() {
        return db.withHandle(h -> h.createQuery("SELECT check_value FROM server_secret_check").mapTo(String.class).list());
    }

    @Test
    void theFirstSecretIsRecordedThenMatchesAndAnotherDiffersWithoutReplacingIt() {
        assertThat(check.compare(SECRET)).isEqualTo(Outcome.RECORDED);
        assertThat(check.compare(SECRET)).isEqualTo(Outcome.MATCHES);
        assertThat(new ServerSecretCheck(db, clock).compare(SECRET)).as("another instance with the same secret").isEqualTo(Outcome.MATCHES);

        assertThat(new ServerSecretCheck(db, clock).compare(OTHER)).isEqualTo(Outcome.DIFFERS);
        assertThat(check.compare(SECRET)).as("still the first one's").isEqualTo(Outcome.MATCHES);
        assertThat(recordedValues()).singleElement().satisfies(v -> assertThat(v).matches("[0-9a-f]{64}")
                .doesNotContain(new String(SECRET, StandardCharsets.UTF_8)).isNotEqualTo(ServerSecretCheck.value(OTHER)));
    }

    @Test
    void examiningWritesNothing() {
        assertThat(check.examine(SECRET)).isEqualTo(Outcome.NOT_RECORDED);
        assertThat(recordedValues()).isEmpty();
        assertThat(check.compare(SECRET)).isEqualTo(Outcome.RECORDED);
        assertThat(check.examine(SECRET)).isEqualTo(Outcome.MATCHES);
        assertThat(check.examine(OTHER)).isEqualTo(Outcome.DIFFERS);
        assertThat(recordedValues()).containsExactly(ServerSecretCheck.value(SECRET));
    }

    @Test
    void withoutARecordTheNewestEnrolmentMustDecryptUnderTheSecretBeforeItIsRecorded() {
        User older = newUser();
        enrolUnder(OTHER, older);
        clock.advance(Duration.ofMinutes(1));
        enrolUnder(SECRET, newUser());
        // The older enrolment changed last (new backup codes): still under the secret it was made with.
        clock.advance(Duration.ofMinutes(1));
        assertThat(enrolments.replaceBackupCodes(older.id(), new BackupCodes(OTHER).stored(new BackupCodes(OTHER).generate()), now())).isTrue();

        assertThat(check.examine(OTHER)).as("under the older enrolment's secret").isEqualTo(Outcome.DIFFERS);
        assertThat(check.compare(OTHER)).isEqualTo(Outcome.DIFFERS);
        assertThat(recordedValues()).as("nothing recorded for a secret the newest data is not under").isEmpty();

        assertThat(check.examine(SECRET)).isEqualTo(Outcome.NOT_RECORDED);
        assertThat(check.compare(SECRET)).isEqualTo(Outcome.RECORDED);
    }

    @Test
    void ofInstancesComparingDifferentSecretsAtOnceOneRecordsAndTheOthersSecretDiffers() throws Exception {
        List<Outcome> outcomes = Parallel.race(PARALLEL, i -> new ServerSecretCheck(db, clock).compare(i % 2 == 0 ? SECRET : OTHER));

        assertThat(outcomes).containsOnlyOnce(Outcome.RECORDED);
        byte[] winner = outcomes.indexOf(Outcome.RECORDED) % 2 == 0 ? SECRET : OTHER;
        assertThat(IntStream.range(0, PARALLEL).filter(i -> outcomes.get(i) == Outcome.DIFFERS))
                .as("the instances whose secret was not recorded").containsExactlyElementsOf(
                        IntStream.range(0, PARALLEL).filter(i -> (i % 2 == 0 ? SECRET : OTHER) != winner).boxed().toList());
        assertThat(recordedValues()).containsExactly(ServerSecretCheck.value(winner));
    }

    @Test
    void replacingRecordsTheNewSecretAndNamesTheUsersWhoseEnrolmentItCannotRead() {
        User lost = newUser();
        enrolUnder(SECRET, lost);
        assertThat(check.compare(SECRET)).isEqualTo(Outcome.RECORDED);

        assertThat(check.unreadableEnrolments(OTHER)).containsExactly(lost.email());
        assertThat(check.unreadableEnrolments(SECRET)).isEmpty();
        assertThat(check.replace(OTHER)).as("a secret was recorded before").isTrue();
        assertThat(check.compare(OTHER)).isEqualTo(Outcome.MATCHES);
        assertThat(check.compare(SECRET)).isEqualTo(Outcome.DIFFERS);

        enrolUnder(OTHER, newUser());
        assertThat(check.unreadableEnrolments(OTHER)).as("enrolled since, under the new secret").containsExactly(lost.email());
        check.replace(OTHER);
        assertThat(recordedValues()).containsExactly(ServerSecretCheck.value(OTHER));
    }

    @Test
    void replacingWithNothingRecordedRecords() {
        assertThat(check.replace(SECRET)).as("a secret was recorded before").isFalse();
        assertThat(check.compare(SECRET)).isEqualTo(Outcome.MATCHES);
    }

    @Test
    void aReplacementRacingFirstRecordsEndsWithTheReplacementsSecret() throws Exception {
        List<Boolean> replaced = Parallel.race(PARALLEL, i -> {
            if (i == 0) {
                check.replace(OTHER);
                return true;
            }
            new ServerSecretCheck(db, clock).compare(SECRET);
            return false;
        });
        assertThat(replaced).containsOnlyOnce(true);
        // Whatever the order: a first record never overwrites one, and a replacement that finds one made meanwhile replaces it.
        assertThat(recordedValues()).containsExactly(ServerSecretCheck.value(OTHER));
    }
}
