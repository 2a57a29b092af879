import { z } from 'zod';

// zod 4 compiles object parsers with `new Function` unless told not to. The app's CSP forbids
// eval ('unsafe-eval' is never allowed), so every schema in the app is built jitless. Import `z`
// from this module, never from 'zod' directly, so this runs before any schema is constructed.
z.config({ jitless: true });

export { z };
