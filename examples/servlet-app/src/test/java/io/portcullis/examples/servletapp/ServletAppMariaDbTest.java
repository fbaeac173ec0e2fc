package io.portcullis.examples.servletapp;

import io.portcullis.testing.TestDatabase;

class ServletAppMariaDbTest extends ServletAppContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
