// Loaded (`node --import`) into every Harbor process a test or benchmark starts. The parent
// holds the other end of the child's stdin; when the parent goes away by any means (a
// failed test, a timed-out worker, a killed runner) that end closes, and Harbor shuts down
// as on Ctrl-C instead of running on for hours holding its ports and data directory.
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
