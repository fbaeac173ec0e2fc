package io.portcullis.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.config.DatabaseConfig;
import io.portcullis.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** A {@code jdbc:mysql:} URL reaches MariaDB through the bundled MariaDB driver. */
class MysqlSchemeTest {
    @Test
    void aMysqlUrlConnectsAndMigrates() {
        try (TestDatabase mariadb = TestDatabase.create(TestDatabase.Kind.MARIADB)) {
            String url = mariadb.url().replace("jdbc:mariadb:", "jdbc:mysql:");
            try (Database db = Database.open(new DatabaseConfig(url, "root", null, 2, true), null)) {
                assertThat(db.dialect()).isEqualTo(Dialect.MARIADB);
                assertThat(db.isReachable()).isTrue();
                assertThat(db.migrate()).isEqualTo(4);
            }
        }
    }
}
