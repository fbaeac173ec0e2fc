package io.portcullis.examples.servletapp;

import io.portcullis.testing.TestDatabase;

class ServletAppH2Test extends ServletAppContract {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
