/**
 * Progressive enhancement of the tip form: checks fields as the reader goes,
 * solves the proof-of-work challenge in the background, and uploads with a
 * progress bar. Without this script the form still posts normally.
 */
import { solveChallenge, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import PowWorker from './pow-worker.ts?worker';
import {
  normaliseText,
  tipFieldsSchema,
  type TipMessages,
  type TipTextLimits,
} from '../../../tips/contract.ts';

type Messages = Record<string, string>;

/** Messages come from the page (t() on the server) as a JSON data block, so all UI text stays in the dictionary. */
function readMessages(): Messages {
  const block = document.querySelector('script[data-tip-messages]');
  try {
    return JSON.parse(block?.textContent ?? '{}') as Messages;
  } catch {
    return {};
  }
}
const MESSAGES: Messages = readMessages();

const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/**
 * States how long tips are kept, with the number the server that receives them reports (src/middleware.ts
 * sends it with each challenge as X-Tips-Retention-Days): the prerendered page cannot know it.
 */
function showRetention(form: HTMLFormElement, header: string | null): void {
  const line = form.querySelector<HTMLElement>('[data-retention]');
  const days = Number(header);
  const message = MESSAGES['privacyStored'];
  if (!line || !Number.isSafeInteger(days) || days <= 0 || !message) return;
  line.textContent = fill(message, { days });
  line.hidden = false;
}

/** The limits the page was built with (TIP_LIMITS, as the form's data-limits attribute). */
function readLimits(form: HTMLFormElement): TipTextLimits & { photosMax: number; photoBytesMax: number } {
  const raw = JSON.parse(form.dataset['limits'] ?? '{}') as Record<string, unknown>;
  const num = (name: string) => (typeof raw[name] === 'number' ? raw[name] : Number.NaN);
  return {
    bodyMin: num('bodyMin'),
    bodyMax: num('bodyMax'),
    placeMax: num('placeMax'),
    whenMax: num('whenMax'),
    nameMax: num('nameMax'),
    contactMax: num('contactMax'),
    photosMax: num('photosMax'),
    photoBytesMax: num('photoBytesMax'),
  };
}

const TEXT_RULES = ['category', 'district', 'body', 'place', 'when', 'name', 'contact', 'consent'] as const;

/** Solves a challenge in a worker; on the main thread only where workers are unavailable. */
function solve(challenge: Challenge): Promise<Solution | null> {
  let worker: Worker;
  try {
    worker = new PowWorker();
  } catch {
    return solveChallenge({ challenge, deriveKey });
  }
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ solution?: Solution | null; error?: string }>) => {
      worker.terminate();
      if (event.data.error === undefined) resolve(event.data.solution ?? null);
      else reject(new Error(event.data.error));
    };
    worker.onerror = () => {
      worker.terminate();
      reject(new Error('proof-of-work worker failed'));
    };
    worker.postMessage(challenge);
  });
}

/** Wires the form; safe to call once per form. */
export function enhanceTipForm(form: HTMLFormElement): void {
  form.noValidate = true;
  const limits = readLimits(form);
  const { photosMax, photoBytesMax } = limits;
  const districts = [...form.querySelectorAll<HTMLOptionElement>('[name="district"] option')]
    .map((o) => o.value)
    .filter((v) => v !== '');
  const ruleMessages: TipMessages = {
    category: MESSAGES['category'] ?? '',
    district: MESSAGES['district'] ?? '',
    bodyShort: MESSAGES['bodyShort'] ?? '',
    bodyLong: MESSAGES['bodyLong'] ?? '',
    place: MESSAGES['place'] ?? '',
    when: MESSAGES['when'] ?? '',
    name: MESSAGES['name'] ?? '',
    contact: MESSAGES['contact'] ?? '',
    consent: MESSAGES['consent'] ?? '',
  };
  // The server's own schema (src/tips/contract.ts), over values cleaned the way the server cleans them.
  const schema = tipFieldsSchema({ limits, districts, messages: ruleMessages });
  const heic = form.dataset['heic'] === 'yes';
  const powInput = form.querySelector<HTMLInputElement>('[data-pow]');
  const status = form.querySelector<HTMLElement>('[data-status]');
  const progress = form.querySelector<HTMLProgressElement>('[data-progress]');
  const summary = form.querySelector<HTMLElement>('[data-error-summary]');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');

  let pow: Promise<string> | undefined;
  const startPow = () => {
    pow = (async () => {
      const response = await fetch('/api/tips/challenge/', { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`challenge ${String(response.status)}`);
      showRetention(form, response.headers.get('X-Tips-Retention-Days'));
      const challenge = (await response.json()) as Challenge;
      const solution = await solve(challenge);
      if (!solution) throw new Error('no solution');
      return JSON.stringify({ challenge, solution });
    })();
    // A failure is handled at submit time (the tip is then sent without proof of work).
    pow.catch(() => undefined);
  };
  startPow();

  const control = (field: string): HTMLElement | null =>
    field === 'category' ? form.querySelector('#field-category') : form.querySelector(`[name="${field}"]`);

  const setError = (field: string, message: string | undefined) => {
    const box = form.querySelector<HTMLElement>(`[data-error-for="${field}"]`);
    const input = field === 'category' ? null : control(field);
    if (box) {
      box.textContent = message ?? '';
      box.hidden = !message;
    }
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      const ids = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      if (message) ids.add(`err-${field}`);
      else ids.delete(`err-${field}`);
      if (ids.size > 0) input.setAttribute('aria-describedby', [...ids].join(' '));
      else input.removeAttribute('aria-describedby');
    }
  };

  const check = (field: string): string | undefined => {
    const data = new FormData(form);
    const value = (name: string) => {
      const v = data.get(name);
      return typeof v === 'string' ? v : '';
    };
    if ((TEXT_RULES as readonly string[]).includes(field)) {
      const result = schema.safeParse({
        category: value('category'),
        district: value('district'),
        body: normaliseText(value('body'), true),
        place: normaliseText(value('place')),
        when: normaliseText(value('when')),
        name: normaliseText(value('name')),
        contact: normaliseText(value('contact')),
        consent: value('consent') === 'yes',
        echo: value('echo') === 'yes',
      });
      if (result.success) return undefined;
      return result.error.issues.find((issue) => issue.path[0] === field)?.message;
    }
    switch (field) {
      case 'photos': {
        const files = data.getAll('photos').filter((f): f is File => f instanceof File && f.size > 0);
        if (files.length > photosMax)
          return fill(MESSAGES['photoCount'] ?? '', { max: photosMax, count: files.length });
        for (const file of files) {
          if (file.size > photoBytesMax) return fill(MESSAGES['photoSize'] ?? '', { name: file.name });
          const okType =
            /^image\/(jpeg|png|webp)$/.test(file.type) || (heic && /^image\/hei[cf]$/.test(file.type));
          if (file.type !== '' && !okType) return fill(MESSAGES['photoType'] ?? '', { name: file.name });
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };

  const FIELDS = ['category', 'district', 'body', 'place', 'when', 'name', 'photos', 'contact', 'consent'];
  for (const field of FIELDS) {
    const el = control(field);
    el?.addEventListener(
      field === 'photos' || field === 'consent' || field === 'category' ? 'change' : 'blur',
      () => {
        setError(field, check(field));
      },
    );
  }

  const showSummary = (errors: Record<string, string>, formError?: string) => {
    if (!summary) return;
    summary.replaceChildren();
    if (formError) {
      const p = document.createElement('p');
      p.className = 'form-error';
      p.textContent = formError;
      summary.append(p);
    }
    const entries = Object.entries(errors);
    if (entries.length > 0) {
      const intro = document.createElement('p');
      intro.textContent = fill(MESSAGES['summary'] ?? '', { count: entries.length });
      const list = document.createElement('ul');
      for (const [field, message] of entries) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `#field-${field}`;
        a.textContent = message;
        li.append(a);
        list.append(li);
      }
      summary.append(intro, list);
    }
    summary.hidden = !formError && entries.length === 0;
    if (!summary.hidden) summary.focus();
  };

  const setStatus = (text: string) => {
    if (status) status.textContent = text;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    for (const field of FIELDS) {
      const message = check(field);
      setError(field, message);
      if (message) errors[field] = message;
    }
    showSummary(errors);
    if (Object.keys(errors).length > 0) return;
    void send();
  });

  const send = async () => {
    if (button) button.disabled = true;
    setStatus(MESSAGES['powWorking'] ?? '');
    let solved = '';
    try {
      solved = pow ? await pow : '';
    } catch {
      solved = '';
    }
    if (powInput) powInput.value = solved;
    setStatus(MESSAGES['submitting'] ?? '');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    if (progress) {
      progress.hidden = false;
      progress.value = 0;
    }
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      if (progress) progress.value = percent;
      setStatus(fill(MESSAGES['progress'] ?? '', { percent }));
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response as {
        location?: string;
        errors?: Record<string, string>;
        formError?: string | null;
      } | null;
      if (xhr.status === 201 && body?.location) {
        window.location.assign(body.location);
        return;
      }
      if (button) button.disabled = false;
      if (progress) progress.hidden = true;
      setStatus('');
      const errors = body?.errors ?? {};
      for (const field of FIELDS) setError(field, errors[field]);
      showSummary(
        errors,
        body?.formError ?? (Object.keys(errors).length === 0 ? `HTTP ${String(xhr.status)}` : undefined),
      );
      // A used or rejected challenge cannot be sent again; get a fresh one for the next attempt.
      startPow();
    });
    xhr.addEventListener('error', () => {
      if (button) button.disabled = false;
      if (progress) progress.hidden = true;
      setStatus('');
      showSummary({}, MESSAGES['network']);
      startPow();
    });
    xhr.send(new FormData(form));
  };
}
