import type { TexmlVerb } from '../texml/texml-document';
import type { CallRun } from './call-run';
import { runDial } from './dial-verb';
import { runRecord } from './record-verb';
import type { NextStep } from './run-control';

/**
 * Runs one TeXML verb of a call: `<Say>`, `<Play>`, `<Pause>` and `<Gather>` take simulated time,
 * `<Hangup>` and `<Reject>` end the call, `<Redirect>` moves to another document; `<Dial>` and
 * `<Record>` have their own modules.
 */

const SAY_MS_PER_WORD = 50;
const SAY_MAX_MS = 10_000;
const PLAY_MS = 1000;
/** Loop="0" means "until the call moves on"; the simulation plays that many rounds. */
const ENDLESS_LOOP_ROUNDS = 10;

export async function runVerb(run: CallRun, verb: TexmlVerb): Promise<NextStep> {
  switch (verb.verb) {
    case 'Say': {
      const rounds = verb.loop === 0 ? ENDLESS_LOOP_ROUNDS : verb.loop;
      const words = verb.text.split(/\s+/).filter(Boolean).length;
      const ms = Math.min(words * SAY_MS_PER_WORD, SAY_MAX_MS) * rounds;
      run.call.note('verb', {
        verb: 'Say',
        text: verb.text,
        voice: verb.voice,
        language: verb.language,
        loop: verb.loop,
        sim_duration_ms: ms,
      });
      await run.wait(ms);
      return { kind: 'continue' };
    }
    case 'Play': {
      const ms = PLAY_MS * (verb.loop === 0 ? ENDLESS_LOOP_ROUNDS : verb.loop);
      run.call.note('verb', { verb: 'Play', url: run.resolveUrl(verb.url), loop: verb.loop, sim_duration_ms: ms });
      await run.wait(ms);
      return { kind: 'continue' };
    }
    case 'Pause':
      run.call.note('verb', { verb: 'Pause', length: verb.lengthSec });
      await run.wait(verb.lengthSec * 1000);
      return { kind: 'continue' };
    case 'Gather': {
      run.call.note('verb', { verb: 'Gather', timeout: verb.timeoutSec, prompts: verb.prompts.length });
      for (const prompt of verb.prompts) await runVerb(run, prompt);
      await run.wait(verb.timeoutSec * 1000);
      run.call.note('verb', { verb: 'Gather', result: 'no input' });
      return { kind: 'continue' };
    }
    case 'Hangup':
      run.call.note('verb', { verb: 'Hangup' });
      return { kind: 'end', ending: { status: 'completed', cause: 'normal_clearing' } };
    case 'Reject':
      run.call.note('verb', { verb: 'Reject', reason: verb.reason });
      if (run.call.answeredAtSimMs !== undefined)
        return { kind: 'end', ending: { status: 'completed', cause: 'normal_clearing' } };
      return {
        kind: 'end',
        ending:
          verb.reason === 'busy'
            ? { status: 'busy', cause: 'user_busy' }
            : { status: 'no-answer', cause: 'call_rejected' },
      };
    case 'Redirect': {
      const url = run.resolveUrl(verb.url);
      run.call.note('verb', { verb: 'Redirect', url, method: verb.method });
      return { kind: 'document', document: await run.fetchDocument('redirect', url, verb.method, {}) };
    }
    case 'Dial':
      return runDial(run, verb);
    case 'Record':
      return runRecord(run, verb);
  }
}
