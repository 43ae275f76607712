// The web page of the translation API: every action is one of the API's own /v1 calls, made with
// the key the person entered. Everything shown is put in the page with textContent, never parsed
// as HTML, so a text containing markup shows as that text.
'use strict';

(() => {
  const KEY_STORAGE = 'translation.apiKey';
  const POLL_MILLIS = 1000;
  const RECENT_JOBS = 20;
  const FINAL_STATUSES = new Set(['succeeded', 'partially_failed', 'failed', 'cancelled']);
  // The API does not list its language pairs (translation.api.language-pairs on the server);
  // these are the ones it is configured with by default. A pair the server does not accept is
  // refused with a problem detail naming the supported ones, which the page shows.
  const LANGUAGE_PAIRS = [{ source: 'de', target: 'en' }];
  const LANGUAGE_NAMES = { de: 'German', en: 'English' };
  const STATUS_LABELS = {
    queued: 'Queued',
    running: 'Running',
    succeeded: 'Succeeded',
    partially_failed: 'Partly failed',
    failed: 'Failed',
    cancelled: 'Cancelled',
  };

  const $ = (id) => document.getElementById(id);

  /** A refusal or failure, with the API's problem detail when it sent one. */
  class ApiError extends Error {
    constructor(status, detail, retryAfterSeconds) {
      super(detail);
      this.status = status;
      this.detail = detail;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  // --- the key ----------------------------------------------------------------------------------

  let memoryKey = null; // where the key lives if the browser refuses session storage

  function storedKey() {
    try {
      return sessionStorage.getItem(KEY_STORAGE);
    } catch {
      return memoryKey;
    }
  }

  function storeKey(key) {
    memoryKey = key;
    try {
      if (key === null) {
        sessionStorage.removeItem(KEY_STORAGE);
      } else {
        sessionStorage.setItem(KEY_STORAGE, key);
      }
    } catch {
      // Storage disabled: the key lasts until the page is left.
    }
  }

  function showKeyState() {
    const key = storedKey();
    $('key-form').hidden = key !== null;
    $('key-set').hidden = key === null;
    $('key-shown').textContent = key === null ? '' : maskedKey(key);
  }

  function maskedKey(key) {
    return key.length <= 10 ? '…' : key.slice(0, 3) + '…' + key.slice(-4);
  }

  // --- talking to the API -----------------------------------------------------------------------

  async function api(path, options = {}) {
    const key = storedKey();
    if (key === null) {
      throw new ApiError(0, 'Enter your API key first.');
    }
    const headers = new Headers(options.headers || {});
    headers.set('Authorization', 'Bearer ' + key);
    if (!headers.has('Accept')) {
      headers.set('Accept', 'application/json');
    }
    let response;
    try {
      response = await fetch(path, { ...options, headers, cache: 'no-store' });
    } catch (error) {
      throw new ApiError(0, 'The server could not be reached (' + error.message + ').');
    }
    if (!response.ok) {
      throw await problemOf(response);
    }
    return response;
  }

  async function apiJson(path, options) {
    return (await api(path, options)).json();
  }

  async function problemOf(response) {
    let detail = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      try {
        const body = await response.json();
        if (typeof body.detail === 'string') {
          detail = body.detail;
        }
      } catch {
        // Not JSON after all: fall back to the status line below.
      }
    }
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    return new ApiError(
      response.status,
      detail ?? 'The server answered ' + response.status + ' ' + response.statusText + '.',
      Number.isNaN(retryAfter) ? null : retryAfter,
    );
  }

  // --- messages ---------------------------------------------------------------------------------

  function showProblem(error) {
    $('problem').textContent = error instanceof ApiError ? error.detail : String(error);
  }

  function clearProblem() {
    $('problem').textContent = '';
  }

  function say(message) {
    $('status').textContent = message;
  }

  // --- languages --------------------------------------------------------------------------------

  function languageName(code) {
    return LANGUAGE_NAMES[code] || code;
  }

  function fillLanguages() {
    const sources = [...new Set(LANGUAGE_PAIRS.map((pair) => pair.source))];
    replaceOptions($('source'), sources);
    fillTargets();
  }

  function fillTargets() {
    const source = $('source').value;
    replaceOptions(
      $('target'),
      LANGUAGE_PAIRS.filter((pair) => pair.source === source).map((pair) => pair.target),
    );
  }

  function replaceOptions(select, codes) {
    select.replaceChildren(
      ...codes.map((code) => {
        const option = document.createElement('option');
        option.value = code;
        option.textContent = languageName(code);
        return option;
      }),
    );
  }

  // --- submitting -------------------------------------------------------------------------------

  function textsFromBox() {
    const text = $('text').value;
    if (document.querySelector('input[name="split"]:checked').value === 'whole') {
      return [text];
    }
    return text
      .split(/\r?\n[ \t]*\r?\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 0);
  }

  async function submitText(event) {
    event.preventDefault();
    await submitting($('submit-text'), () =>
      apiJson('/v1/translations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          texts: textsFromBox(),
          source: $('source').value,
          target: $('target').value,
        }),
      }),
    );
  }

  async function submitFile(event) {
    event.preventDefault();
    const file = $('file').files[0];
    if (!file) {
      showProblem('Choose a file first.');
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('source', $('source').value);
    form.append('target', $('target').value);
    await submitting($('submit-file'), () =>
      apiJson('/v1/documents', { method: 'POST', body: form }),
    );
  }

  async function submitting(button, send) {
    clearProblem();
    button.disabled = true;
    say('Sending…');
    try {
      const job = await send();
      say('The job was accepted.');
      follow(job);
      // The job is shown below the forms: take the reader there.
      $('job-heading').focus();
      refreshJobs();
    } catch (error) {
      say('');
      showProblem(error);
    } finally {
      button.disabled = false;
    }
  }

  // --- following a job --------------------------------------------------------------------------

  // Each followed job gets a new token; a poll whose token is stale stops, so only one job is
  // ever polled.
  let followToken = 0;
  let followedJob = null;

  function follow(job) {
    const token = ++followToken;
    followedJob = job;
    $('job-section').hidden = false;
    $('result').hidden = true;
    $('translations').replaceChildren();
    $('download').hidden = true;
    showJob(job);
    if (FINAL_STATUSES.has(job.status)) {
      finish(job, token);
    } else {
      setTimeout(() => poll(token), POLL_MILLIS);
    }
  }

  function stopFollowing() {
    followToken++;
    followedJob = null;
    $('job-section').hidden = true;
  }

  async function poll(token) {
    if (token !== followToken) {
      return;
    }
    let delay = POLL_MILLIS;
    try {
      const job = await apiJson(followedJob.links.self);
      if (token !== followToken) {
        return;
      }
      followedJob = job;
      showJob(job);
      if (FINAL_STATUSES.has(job.status)) {
        finish(job, token);
        return;
      }
    } catch (error) {
      if (token !== followToken) {
        return;
      }
      showProblem(error);
      if (error.status === 401 || error.status === 404) {
        return; // the key or the job is gone: polling again cannot help
      }
      if (error.retryAfterSeconds !== null) {
        delay = Math.max(delay, error.retryAfterSeconds * 1000);
      }
    }
    setTimeout(() => poll(token), delay);
  }

  function showJob(job) {
    const counts = job.counts;
    const finished = counts.done + counts.failed + counts.cancelled;
    const percent = counts.total === 0 ? 100 : Math.floor((finished * 100) / counts.total);
    $('job-id').textContent = job.id;
    $('job-status').textContent = statusLabel(job.status);
    $('progress').value = percent;
    $('progress-text').textContent =
      percent + ' % (' + finished + ' of ' + counts.total + ' sentences)';
    $('cancel-job').hidden = FINAL_STATUSES.has(job.status);
  }

  async function finish(job, token) {
    $('cancel-job').hidden = true;
    refreshJobs();
    if (job.document) {
      $('result-heading').textContent = 'Translated file';
      $('result').hidden = false;
      $('download').hidden = false;
      $('download').textContent = 'Download the translation of ' + job.document.name;
      say('The job has finished: ' + statusLabel(job.status) + '.');
      return;
    }
    try {
      const result = await apiJson(job.links.result);
      if (token !== followToken) {
        return;
      }
      showTranslations(result.segments, result.id);
      say('The job has finished: ' + statusLabel(job.status) + '.');
    } catch (error) {
      showProblem(error);
    }
  }

  function showTranslations(segments, jobId) {
    $('result-heading').textContent = 'Translation';
    $('translations').replaceChildren(
      ...segments.map((segment) => {
        const item = document.createElement('li');
        const text = document.createElement('p');
        if (segment.status === 'done') {
          text.className = 'translation';
          text.textContent = segment.translation;
          item.append(text, correctionForm(jobId, segment));
          return item;
        } else if (segment.status === 'failed') {
          text.className = 'segment-error';
          text.textContent = 'Not translated: ' + segment.error;
        } else {
          text.className = 'segment-error';
          text.textContent =
            segment.status === 'cancelled' ? 'Cancelled before it was translated.' : 'Pending.';
        }
        item.append(text);
        return item;
      }),
    );
    $('result').hidden = false;
  }

  // --- corrections ------------------------------------------------------------------------------

  /** A folded form that sends a better translation of one text, kept for retraining. */
  function correctionForm(jobId, segment) {
    const details = document.createElement('details');
    details.className = 'correction';
    const summary = document.createElement('summary');
    summary.textContent = 'Suggest a better translation';
    const form = document.createElement('form');
    const id = 'correction-' + segment.index;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = 'Better translation of text ' + (segment.index + 1);
    const box = document.createElement('textarea');
    box.id = id;
    box.rows = 3;
    box.required = true;
    box.value = segment.translation;
    const send = document.createElement('button');
    send.type = 'submit';
    send.textContent = 'Send correction';
    form.append(label, box, send);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem();
      send.disabled = true;
      try {
        await apiJson('/v1/jobs/' + jobId + '/segments/' + segment.index + '/correction', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ translation: box.value }),
        });
        say('Thank you: your translation of text ' + (segment.index + 1) + ' was saved.');
      } catch (error) {
        showProblem(error);
      } finally {
        send.disabled = false;
      }
    });
    details.append(summary, form);
    return details;
  }

  async function cancelJob() {
    clearProblem();
    try {
      follow(await apiJson(followedJob.links.self, { method: 'DELETE' }));
      say('The job was cancelled.');
    } catch (error) {
      showProblem(error);
    }
  }

  async function download() {
    clearProblem();
    const job = followedJob;
    try {
      const response = await api(job.links.document, { headers: { Accept: '*/*' } });
      const blob = await response.blob();
      const name =
        fileNameOf(response.headers.get('Content-Disposition')) || job.document.name;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      const incomplete = Number.parseInt(
        response.headers.get('Translation-Incomplete-Texts') || '0',
        10,
      );
      say(
        incomplete > 0
          ? 'Saved ' + name + '. ' + incomplete + ' of its texts keep sentences that could not be' +
              ' translated, in the original language.'
          : 'Saved ' + name + '.',
      );
    } catch (error) {
      showProblem(error);
    }
  }

  /** The file name of a Content-Disposition header (RFC 6266), or null. */
  function fileNameOf(header) {
    if (!header) {
      return null;
    }
    const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
    if (extended) {
      try {
        return decodeURIComponent(extended[1].trim());
      } catch {
        // A malformed escape: try the plain parameter.
      }
    }
    const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    if (quoted) {
      return quoted[1].replace(/\\(.)/g, '$1');
    }
    const plain = /filename\s*=\s*([^;\s]+)/i.exec(header);
    return plain ? plain[1] : null;
  }

  function statusLabel(status) {
    return STATUS_LABELS[status] || status;
  }

  // --- recent jobs ------------------------------------------------------------------------------

  async function refreshJobs() {
    if (storedKey() === null) {
      showJobs(null);
      return;
    }
    try {
      const page = await apiJson('/v1/jobs?page=0&size=' + RECENT_JOBS);
      showJobs(page.items);
    } catch (error) {
      showProblem(error);
    }
  }

  function showJobs(jobs) {
    const empty = jobs === null || jobs.length === 0;
    $('jobs-table').hidden = empty;
    $('jobs-empty').hidden = !empty;
    $('jobs-empty').textContent =
      jobs === null ? 'Enter your API key to see your jobs.' : 'You have no jobs yet.';
    // Replacing the rows would drop the keyboard focus of a row's button: give it to the new row
    // of the same job.
    const focusedRow = document.activeElement && document.activeElement.closest('#jobs tr');
    $('jobs').replaceChildren(...(jobs || []).map(jobRow));
    if (focusedRow) {
      const row = [...$('jobs').rows].find((r) => r.dataset.jobId === focusedRow.dataset.jobId);
      (row ? row.querySelector('button') : $('refresh-jobs')).focus();
    }
  }

  function jobRow(job) {
    const row = document.createElement('tr');
    row.dataset.jobId = job.id;
    const counts = job.counts;
    const what = job.document
      ? job.document.name
      : counts.texts + (counts.texts === 1 ? ' text' : ' texts');
    const cells = [
      new Date(job.createdAt).toLocaleString(),
      what,
      languageName(job.source) + ' → ' + languageName(job.target),
      statusLabel(job.status),
      counts.done + counts.failed + counts.cancelled + ' of ' + counts.total,
    ];
    cells.forEach((text, index) => {
      const cell = document.createElement('td');
      cell.textContent = text;
      cell.className = ['created', 'what', 'languages', 'status', 'done'][index];
      row.append(cell);
    });
    const action = document.createElement('td');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open';
    open.setAttribute('aria-label', 'Open the job ' + what + ' submitted ' + cells[0]);
    open.addEventListener('click', () => {
      clearProblem();
      follow(job);
      $('job-heading').focus();
    });
    action.append(open);
    row.append(action);
    return row;
  }

  // --- models -----------------------------------------------------------------------------------

  async function refreshModels() {
    if (storedKey() === null) {
      showModels(null);
      return;
    }
    try {
      showModels((await apiJson('/v1/models')).languagePairs);
    } catch (error) {
      showProblem(error);
    }
  }

  function showModels(pairs) {
    const empty = pairs === null || pairs.length === 0;
    $('models-empty').hidden = !empty;
    $('models-empty').textContent =
      pairs === null
        ? 'Enter your API key to see the models that translate.'
        : 'No model has been registered yet.';
    $('models').replaceChildren(...(pairs || []).map(pairModels));
  }

  function pairModels(pair) {
    const article = document.createElement('article');
    article.className = 'model-pair';
    const heading = document.createElement('h3');
    heading.textContent = languageName(pair.source) + ' → ' + languageName(pair.target);
    article.append(heading, modelVersion('Active', pair.active));
    if (pair.canary) {
      article.append(
        modelVersion('Canary, ' + pair.canary.percent + ' % of sentences', pair.canary),
      );
    }
    return article;
  }

  function modelVersion(role, version) {
    const part = document.createElement('div');
    part.className = 'model-version';
    const title = document.createElement('p');
    title.textContent = role + ': ' + version.modelId;
    part.append(title);
    if (version.metrics.length === 0) {
      const none = document.createElement('p');
      none.textContent = 'No scores recorded.';
      part.append(none);
      return part;
    }
    const table = document.createElement('table');
    const caption = document.createElement('caption');
    caption.textContent = 'Scores of ' + version.modelId;
    const head = document.createElement('tr');
    ['Test set', 'System', 'Sentences', 'chrF', 'BLEU'].forEach((name) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      head.append(th);
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    version.metrics.forEach((score) => {
      const row = document.createElement('tr');
      [score.testSet, score.system, score.sentences, score.chrf, score.bleu].forEach((value) => {
        const cell = document.createElement('td');
        cell.textContent =
          value === null || value === undefined
            ? '–'
            : typeof value === 'number' && !Number.isInteger(value)
              ? value.toFixed(1)
              : String(value);
        row.append(cell);
      });
      tbody.append(row);
    });
    table.append(caption, thead, tbody);
    part.append(table);
    return part;
  }

  // --- the drop zone ----------------------------------------------------------------------------

  function setUpDropZone() {
    const zone = $('drop-zone');
    const input = $('file');
    const hasFiles = (event) => [...event.dataTransfer.types].includes('Files');
    zone.addEventListener('dragover', (event) => {
      if (hasFiles(event)) {
        event.preventDefault();
        zone.classList.add('dragging');
      }
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('dragging');
      const file = event.dataTransfer.files[0];
      if (file) {
        const one = new DataTransfer();
        one.items.add(file);
        input.files = one.files;
        say('Chose the file ' + file.name + '.');
      }
    });
    // A file dropped beside the zone must not make the browser leave the page to show it.
    window.addEventListener('dragover', (event) => event.preventDefault());
    window.addEventListener('drop', (event) => event.preventDefault());
  }

  // --- start ------------------------------------------------------------------------------------

  function start() {
    fillLanguages();
    showKeyState();
    setUpDropZone();
    $('source').addEventListener('change', fillTargets);
    $('key-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem();
      const key = $('api-key').value.trim();
      if (key === '') {
        return;
      }
      storeKey(key);
      try {
        showJobs((await apiJson('/v1/jobs?page=0&size=' + RECENT_JOBS)).items);
        refreshModels();
        $('api-key').value = '';
        say('The key works and is kept until you close this tab.');
      } catch (error) {
        if (error.status === 401) {
          storeKey(null); // a key the API refuses is not worth keeping
        }
        showProblem(error);
      }
      showKeyState();
    });
    $('forget-key').addEventListener('click', () => {
      storeKey(null);
      stopFollowing();
      clearProblem();
      showJobs(null);
      showModels(null);
      showKeyState();
      say('The key was forgotten.');
      $('api-key').focus();
    });
    $('text-form').addEventListener('submit', submitText);
    $('file-form').addEventListener('submit', submitFile);
    $('cancel-job').addEventListener('click', cancelJob);
    $('download').addEventListener('click', download);
    $('refresh-jobs').addEventListener('click', () => {
      clearProblem();
      refreshJobs();
    });
    $('refresh-models').addEventListener('click', () => {
      clearProblem();
      refreshModels();
    });
    refreshJobs();
    refreshModels();
  }

  start();
})();
