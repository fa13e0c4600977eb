// Extension pages forbid eval (MV3 CSP): zod must not probe `new Function`, which a strict CSP
// reports as a violation even though zod catches the error. Imported first by every entrypoint.
import * as z from 'zod/mini';

z.config({ jitless: true });
