/**
 * Preloaded into every build the publisher starts (`node --import`). The
 * publisher holds the other end of this process's standard input; when the
 * publisher dies, even by SIGKILL, the pipe closes and the build stops, so no
 * orphaned build keeps writing while a restarted publisher starts another.
 */
process.stdin.on('end', () => {
  process.exit(1);
});
process.stdin.on('error', () => {
  process.exit(1);
});
process.stdin.resume();
// Listening must not keep a finished build alive.
process.stdin.unref();
