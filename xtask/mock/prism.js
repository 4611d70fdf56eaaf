// Runs the Prism CLI with this script's arguments and stops it when stdin
// closes, so a mock server never outlives the process that started it.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
require('@stoplight/prism-cli/dist/index.js');
