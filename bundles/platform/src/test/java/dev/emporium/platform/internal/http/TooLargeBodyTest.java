package dev.emporium.platform.internal.http;

import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.junit.Assert.assertEquals;

/** The gateway reads the rest of a too large body, within a bound, so that its sender reads the 413. */
public class TooLargeBodyTest {

    @Test
    public void aBodyWithinTheBoundIsReadToItsEnd() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[1_048_577]);
        assertEquals(1_048_577, ApiGateway.discard(in, 1_048_577));
        assertEquals(0, in.available());
    }

    @Test
    public void aDeclaredLengthBeyondTheBoundIsNotReadAtAll() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[10]);
        assertEquals(0, ApiGateway.discard(in, ApiGateway.DISCARD_BYTES + 1));
        assertEquals(10, in.available());
    }

    @Test
    public void anEndlessChunkedBodyIsReadOnlyUpToTheBound() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        long dropped = ApiGateway.discard(endless, -1);
        assertEquals(ApiGateway.DISCARD_BYTES, dropped);
    }
}
