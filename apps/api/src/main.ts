// The entry point of `npm start`. graphql-js and Apollo decide at load time whether to run their
// expensive development checks, so NODE_ENV is settled before anything else is imported.
process.env.NODE_ENV ??= 'production';
await import('./serve.js');
