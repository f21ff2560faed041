/** Resolves with the name of the first SIGINT or SIGTERM the process receives. */
export function waitForProcessSignal(): Promise<string> {
  return new Promise((resolve) => {
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const onSignal = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, onSignal);
      resolve(signal);
    };
    for (const name of signals) process.once(name, onSignal);
  });
}
