package io.portcullis;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.ConfigSources;
import io.portcullis.config.PortcullisConfig;
import io.portcullis.password.PasswordHasher;
import io.portcullis.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortcullisTest {

    @Test
    void passwordsAreHashedWithTheConfiguredNumberOfSlots() {
        // A number the automatic size (one per processor) does not give on this machine.
        int automatic = new PasswordHasher().hashingSlots();
        int configured = automatic == 1 ? 2 : 1;
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2)) {
            Map<String, String> settings = new HashMap<>(database.settings());
            settings.put("password.hashingSlots", Integer.toString(configured));
            try (Portcullis engine = Portcullis.builder(PortcullisConfig.load(ConfigSources.of(settings))).backgroundJobs(false).start()) {
                assertThat(engine.passwordHasher().hashingSlots()).isEqualTo(configured);
            }
        }
    }
}
