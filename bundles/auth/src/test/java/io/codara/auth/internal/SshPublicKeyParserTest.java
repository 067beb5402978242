package io.codara.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import io.codara.api.rest.ApiError;
import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SshPublicKeyParserTest {

    /** Made by ssh-keygen 9.2 ({@code -t dsa}); newer releases cannot generate DSA keys any more. */
    private static final String DSA_KEY = "ssh-dss AAAAB3NzaC1kc3MAAACBAJ331lha2VtBIEgnikjufagvfN0Yf+lmkziY05evkzYfG1ME"
            + "/IByqDTdLFMIyAUf1VQ2An1IcccG0rcGOJ0taxfXsH13YcXwy/ZFELKMAqqKfqhoL5qmquHaEc1WAybn6V/GV4JooDlssAGkQV2/JUXK"
            + "X+nagTbNItgO2aU2pvG7AAAAFQCfPgXyzmHEKXAcfoDJspwTQx6U8wAAAIADC3DDL/2o81HFqzMTtusi8uht2F/kSy9F6uEDEaPk4tPN"
            + "9UCOkJdIaptFvWB8O5PHPLkkv/UY/5Z7f3rOeVmQgbopxeXBrLtNV00VrmSpJy/KislQDKnd52+b0cuRXD0M6MJ+Nt92/l3hxCRWBruS"
            + "dmWWit3mqw2gwfjREXtD9wAAAIB3/4KQ01XBL8H1nYWmzzhE96ph2uCoGxTZhRL5bJbTQsypyeUeZ2aelWo7QEQ91ON1IDPmwqI5Kvdp"
            + "96Uy9ZuRkX4mvu9RjZGmI4wHRy/I+USZ3T9uN+wW6CCdu66C3i1/Z1P18CHDMfZBz5x4w1HjFJyOMwbTCo+HgcQx1X0kZw== c";

    @TempDir
    Path dir;

    private SshKeygen keygen;

    @BeforeEach
    void setUp() {
        keygen = new SshKeygen(dir);
    }

    @ParameterizedTest
    @CsvSource({"ed25519, 0, ssh-ed25519, 256", "ecdsa, 256, ecdsa-sha2-nistp256, 256",
            "ecdsa, 384, ecdsa-sha2-nistp384, 384", "ecdsa, 521, ecdsa-sha2-nistp521, 521",
            "rsa, 2048, ssh-rsa, 2048", "rsa, 3072, ssh-rsa, 3072"})
    void acceptsWhatOpenSshTrustsAndAgreesWithSshKeygen(String keygenType, int keygenBits, String type, int bits)
            throws Exception {
        Path pub = keygen.generate(keygenType, keygenBits, "alice@laptop");
        String line = SshKeygen.publicKey(pub);
        String[] fields = line.split(" ");
        String[] keygenSays = SshKeygen.fingerprintLine(pub);

        SshPublicKey key = SshPublicKeyParser.parse(line);

        assertThat(key.type()).isEqualTo(type).isEqualTo(fields[0]);
        assertThat(key.bits()).isEqualTo(bits).isEqualTo(Integer.parseInt(keygenSays[0]));
        assertThat(key.fingerprint()).isEqualTo(keygenSays[1]).startsWith("SHA256:").doesNotEndWith("=");
        assertThat(key.key()).isEqualTo(fields[0] + " " + fields[1]);
    }

    @Test
    void toleratesSurroundingWhitespaceTabsAndCommentsWithSpaces() throws Exception {
        Path pub = keygen.generate("ed25519", 0, "alice");
        String[] fields = SshKeygen.publicKey(pub).split(" ");
        String expected = SshPublicKeyParser.parse(fields[0] + " " + fields[1]).fingerprint();

        SshPublicKey key = SshPublicKeyParser.parse("  \t" + fields[0] + "\t " + fields[1] + "  my work laptop (2024)\n");

        assertThat(key.fingerprint()).isEqualTo(expected).isEqualTo(SshKeygen.fingerprintLine(pub)[1]);
        assertThat(key.key()).isEqualTo(fields[0] + " " + fields[1]).doesNotContain("laptop");
    }

    @Test
    void normalisesUnpaddedBase64ToTheCanonicalForm() throws Exception {
        String[] fields = SshKeygen.publicKey(keygen.generate("ecdsa", 256, "c")).split(" ");
        assertThat(fields[1]).endsWith("=");

        SshPublicKey key = SshPublicKeyParser.parse(fields[0] + " " + fields[1].replace("=", ""));

        assertThat(key.key()).isEqualTo(fields[0] + " " + fields[1]);
    }

    @Test
    void rejectsRsaKeysSmallerThan2048BitsSayingTheMinimum() throws Exception {
        String line = SshKeygen.publicKey(keygen.generate("rsa", 1024, "old"));

        assertRejected(line, "at least 2048 bits", "this one has 1024");
    }

    @Test
    void rejectsDsaBecauseOpenSshNoLongerAcceptsIt() {
        assertRejected(DSA_KEY, "no longer accepted by OpenSSH");
    }

    @Test
    void rejectsUnknownTypesNamingTheAcceptedOnes() {
        assertRejected("ssh-foo AAAAB3NzaC1mb28=", "ssh-foo is not supported", "ssh-ed25519");
        assertRejected("sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t", "not supported");
        assertRejected("AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "not supported");
        assertRejected("x".repeat(500) + " AAAA", "x".repeat(40) + "...");
    }

    @Test
    void rejectsAuthorizedKeysOptionsBeforeTheType() throws Exception {
        String line = SshKeygen.publicKey(keygen.generate("ed25519", 0, "c"));

        assertRejected("no-pty,command=\"echo hi\" " + line, "options");
        assertRejected("from=\"10.0.0.1\" " + line, "options");
        assertRejected("restrict " + line, "options");
    }

    @Test
    void rejectsSeveralLinesAndPrivateKeys() throws Exception {
        Path pub = keygen.generate("ed25519", 0, "a");
        String line = SshKeygen.publicKey(pub);
        String other = SshKeygen.publicKey(keygen.generate("ed25519", 0, "b"));

        assertRejected(line + "\n" + other, "single line");
        assertRejected(line + "\r\n" + other, "single line");
        String privateKey = java.nio.file.Files.readString(dir.resolve(pub.getFileName().toString().replace(".pub", "")));
        assertRejected(privateKey, "private key");
        assertThat(SshPublicKeyParser.parse(line + " not my PRIVATE KEY").key()).isEqualTo(SshPublicKeyParser.parse(line).key());
    }

    @Test
    void rejectsBadBase64AndMissingData() {
        assertRejected("ssh-ed25519 AAAA*not-base64!", "not valid base64");
        assertRejected("ssh-ed25519", "missing");
        assertRejected("ssh-ed25519 " + Base64.getEncoder().encodeToString(new byte[] {1, 2}), "not an SSH public key");
    }

    @Test
    void rejectsATypeThatDoesNotMatchTheKeyData() throws Exception {
        String[] ed25519 = SshKeygen.publicKey(keygen.generate("ed25519", 0, "c")).split(" ");
        String[] p384 = SshKeygen.publicKey(keygen.generate("ecdsa", 384, "c")).split(" ");

        assertRejected("ssh-rsa " + ed25519[1], "ssh-rsa does not match the key data, which is a ssh-ed25519 key");
        assertRejected("ecdsa-sha2-nistp256 " + p384[1], "does not match");
        assertRejected("ssh-ed25519 " + DSA_KEY.split(" ")[1], "does not match", "ssh-dss");
    }

    @Test
    void rejectsEcdsaKeyDataWhoseCurveContradictsItsType() throws Exception {
        byte[] p384 = Base64.getDecoder().decode(SshKeygen.publicKey(keygen.generate("ecdsa", 384, "c")).split(" ")[1]);
        // Relabel the outer type as P-256 but keep the inner curve name and the P-384 point.
        byte[] type = "ecdsa-sha2-nistp256".getBytes(StandardCharsets.US_ASCII);
        int outer = 4 + type.length;
        byte[] forged = ByteBuffer.allocate(p384.length).putInt(type.length).put(type)
                .put(p384, outer, p384.length - outer).array();

        assertRejected("ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(forged), "names another curve");
    }

    @Test
    void rejectsTruncatedOrPaddedKeyData() throws Exception {
        byte[] blob = Base64.getDecoder().decode(SshKeygen.publicKey(keygen.generate("ed25519", 0, "c")).split(" ")[1]);
        byte[] rsa = Base64.getDecoder().decode(SshKeygen.publicKey(keygen.generate("rsa", 2048, "c")).split(" ")[1]);

        assertRejected("ssh-ed25519 " + Base64.getEncoder().encodeToString(Arrays.copyOf(blob, blob.length - 1)),
                "not a valid ssh-ed25519 key");
        assertRejected("ssh-ed25519 " + Base64.getEncoder().encodeToString(Arrays.copyOf(blob, blob.length + 1)),
                "not a valid ssh-ed25519 key");
        assertRejected("ssh-rsa " + Base64.getEncoder().encodeToString(Arrays.copyOf(rsa, rsa.length - 10)),
                "not a valid ssh-rsa key");
    }

    @Test
    void rejectsEcdsaPointsOffTheCurve() throws Exception {
        byte[] blob = Base64.getDecoder().decode(SshKeygen.publicKey(keygen.generate("ecdsa", 256, "c")).split(" ")[1]);
        blob[blob.length - 1] ^= 1;

        assertRejected("ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(blob), "not a valid");
    }

    @Test
    void rejectsKeysLongerThan16KiBBeforeLookingAtThem() throws Exception {
        String line = SshKeygen.publicKey(keygen.generate("ed25519", 0, "c"));

        assertRejected(line + " " + "x".repeat(SshPublicKeyParser.MAX_LENGTH), "too long", "16384");
        assertThat(SshPublicKeyParser.parse(line + " " + "x".repeat(SshPublicKeyParser.MAX_LENGTH - line.length() - 1))
                .type()).isEqualTo("ssh-ed25519");
    }

    @Test
    void aMissingKeyIsAMissingField() {
        for (String missing : new String[] {null, "", "  \n"}) {
            ApiException e = catchThrowableOfType(ApiException.class, () -> SshPublicKeyParser.parse(missing));
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.errors()).containsExactly(
                    new ApiError.FieldError("PublicKey", "key", "missing_field", "key is required"));
        }
    }

    private static void assertRejected(String input, String... messageParts) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> SshPublicKeyParser.parse(input));
        assertThat(e).as("rejects %s", input).isNotNull();
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("Validation Failed");
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.resource()).isEqualTo("PublicKey");
            assertThat(error.field()).isEqualTo("key");
            assertThat(error.code()).isEqualTo("custom");
            assertThat(error.message()).contains(messageParts);
        });
    }
}
