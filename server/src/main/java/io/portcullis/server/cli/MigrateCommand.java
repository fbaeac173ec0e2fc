package io.portcullis.server.cli;

import io.portcullis.db.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending database migrations and exit.")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try (Database db = Database.open(config.load().database(), null)) {
            int applied = db.migrate();
            System.out.println(applied == 0 ? "database is up to date" : "applied " + applied + " migration(s)");
        }
        return 0;
    }
}
