package io.portcullis.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.Ids;
import io.portcullis.Sha256;
import io.portcullis.config.DatabaseConfig;
import io.portcullis.db.Database;
import io.portcullis.testing.MutableClock;
import io.portcullis.testing.TestDatabase;
import io.portcullis.user.User;
import io.portcullis.user.UserStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The base of the two-factor store contracts: one real database per test class, the stores on it, and a clock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoFactorStoreTesting {
    static final String FINGERPRINT = Sha256.hex("$argon2id$v=19$m=19456,t=2,p=1$example");
    static final int PARALLEL = 20;

    final MutableClock clock = MutableClock.at("2026-03-01T10:00:00.123Z");

    TestDatabase testDb;
    Database db;
    UserStore users;
    TwoFactorStore enrolments;
    TrustedDeviceStore devices;
    TwoFactorChallengeStore challenges;

    abstract TestDatabase.Kind kind();

    @BeforeAll
    void openDatabase() {
        testDb = TestDatabase.create(kind());
        var s = testDb.settings();
        // One connection per racing thread, so that the races of the contracts really run in parallel.
        db = Database.open(new DatabaseConfig(s.get("database.url"), s.get("database.username"), null, PARALLEL, true), null);
        assertThat(db.migrate()).isPositive();
        users = new UserStore(db);
        enrolments = new TwoFactorStore(db);
        devices = new TrustedDeviceStore(db);
        challenges = new TwoFactorChallengeStore(db);
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) db.close();
        if (testDb != null) testDb.close();
    }

    Instant now() {
        return clock.instant();
    }

    User newUser() {
        return users.create(Ids.newId().toLowerCase() + "@example.com", "Someone", null, UserStore.DEFAULT_ROLE, false, "$argon2id$not-a-real-hash", now());
    }

    /** Lets another thread reach the point where it waits (for a lock) before this one goes on. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
