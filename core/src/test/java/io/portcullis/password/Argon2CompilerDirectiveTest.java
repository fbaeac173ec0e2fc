package io.portcullis.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The directive that makes C2 compile Argon2 in its fast form in every JVM (see docs/performance.md, "One hash, two speeds"). */
class Argon2CompilerDirectiveTest {
    private static final String ARGON2 = "org/bouncycastle/crypto/generators/Argon2BytesGenerator";

    @Test
    void aHasherPutsTheDirectiveInPlaceBeforeItsFirstHash() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1);
        assertThat(hasher.verify("correct horse battery staple", hasher.hash("correct horse battery staple"))).isTrue();

        String printed = Argon2CompilerDirective.printedDirectives();
        // As jcmd's Compiler.directives_print shows it: parsed, for both compilers, with both forced inlines.
        assertThat(printed).contains("matching: " + ARGON2 + "*.*");
        assertThat(printed).contains("inline: +" + ARGON2 + ".access*, +" + ARGON2 + ".roundFunction");
    }

    @Test
    void theDirectiveIsAddedOncePerProcessHoweverManyHashers() throws Exception {
        for (int i = 0; i < 3; i++) new PasswordHasher(1).verifyDummy("correct horse battery staple");

        assertThat(Argon2CompilerDirective.printedDirectives()).containsOnlyOnce("matching: " + ARGON2 + "*.*");
    }
}
