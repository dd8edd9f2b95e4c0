// Preloaded into a benchmarked process: reports its peak resident memory and the CPU time it
// used (user + system, all threads) when it exits.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nmaxrss-kb ${usage.maxRSS}\ncpu-us ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
