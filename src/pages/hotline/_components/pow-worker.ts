/**
 * Solves the tip form's proof-of-work challenge off the main thread. On the
 * page itself the search for a solution kept a phone's main thread busy for
 * seconds (Lighthouse, 4× CPU slowdown: 7.5 s of blocking time), so typing
 * into the form could stutter.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

self.onmessage = async (event: MessageEvent<Challenge>) => {
  try {
    self.postMessage({ solution: await solveChallenge({ challenge: event.data, deriveKey }) });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
