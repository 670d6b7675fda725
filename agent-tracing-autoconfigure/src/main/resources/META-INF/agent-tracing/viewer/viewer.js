// The flight recorder's viewer. Plain JavaScript, no build step, no dependency.
// Every piece of recorded data reaches the page through textContent (or a CSS position
// computed from numbers) and is never parsed as HTML: a prompt, a user id or a tool
// result that holds markup shows as text. Keep it so: the page builds its elements with
// createElement only.
'use strict';

(function () {
  /** Attributes holding GenAI messages (JSON), rendered as a conversation. */
  const MESSAGE_KEYS = ['gen_ai.system_instructions', 'gen_ai.input.messages', 'gen_ai.output.messages'];

  /** Attributes holding JSON objects, rendered pretty-printed. */
  const JSON_KEYS = ['gen_ai.tool.call.arguments', 'gen_ai.tool.call.result', 'gen_ai.tool.definitions'];

  const OPERATIONS = ['invoke_agent', 'chat', 'execute_tool', 'retrieval', 'embeddings'];

  const LIVE_INTERVAL_MS = 5000;

  /** The event a detector writes on the span of the step a finding concerns. */
  const FINDING_EVENT = 'agent.finding';
  const FINDING_KIND = 'agent.finding.kind';
  const FINDING_MESSAGE = 'agent.finding.message';

  /** Findings listed by name in the run page's banner; the others are counted. */
  const BANNER_FINDINGS = 5;

  const state = { tree: null, selectedSpanId: null, liveTimer: null };

  const filters = document.getElementById('filters');
  const runsBody = document.querySelector('#runs tbody');
  const runsEmpty = document.getElementById('runs-empty');
  const recorderState = document.getElementById('recorder-state');
  const runPane = document.getElementById('run-pane');
  const runHeader = document.getElementById('run-header');
  const waterfall = document.getElementById('waterfall');
  const details = document.getElementById('span-details');
  const failure = document.getElementById('failure');
  const findingFilter = filters.elements.namedItem('finding');

  // ---- small DOM helpers: text only ----

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  /** A CSS class name part from recorded data: letters, digits, '-' and '_' only. */
  function token(value) {
    return String(value).toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'other';
  }

  function formatDuration(nanos) {
    if (nanos === 0) {
      return '0';
    }
    if (nanos < 1e3) {
      return nanos + ' ns';
    }
    if (nanos < 1e6) {
      return (nanos / 1e3).toFixed(0) + ' µs';
    }
    if (nanos < 1e9) {
      return (nanos / 1e6).toFixed(nanos < 1e7 ? 1 : 0) + ' ms';
    }
    return (nanos / 1e9).toFixed(2) + ' s';
  }

  function formatTime(iso) {
    const date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  }

  function attribute(span, key) {
    const found = span.attributes.find((a) => a.key === key);
    return found ? found.value : undefined;
  }

  function operationOf(span) {
    const operation = attribute(span, 'gen_ai.operation.name');
    return OPERATIONS.includes(operation) ? operation : 'other';
  }

  function failed(run) {
    return run.outcome !== 'success' || run.errorSpanCount > 0;
  }

  function hasFindings(run) {
    return run.findingCount > 0 || run.findings.length > 0;
  }

  function eventAttribute(event, key) {
    const found = event.attributes.find((a) => a.key === key);
    return found ? found.value : undefined;
  }

  /** The findings on one span: its agent.finding events, in time order. */
  function findingsOf(span) {
    return span.events.filter((event) => event.name === FINDING_EVENT).map((event) => ({
      span: span,
      event: event,
      kind: String(eventAttribute(event, FINDING_KIND) || 'finding'),
      message: eventAttribute(event, FINDING_MESSAGE)
    }));
  }

  /** Every finding of a run's tree, earliest first: the first is the step to look at first. */
  function findingsInTree(tree) {
    const all = [];
    for (const span of tree.spans) {
      all.push(...findingsOf(span));
    }
    return all.sort((a, b) => a.event.offsetNanos - b.event.offsetNanos);
  }

  /** A finding kind the filter does not offer yet (a detector of the application's own) is added. */
  function offerFindingKinds(kinds) {
    const offered = new Set(Array.from(findingFilter.options, (option) => option.value));
    for (const kind of kinds) {
      if (!offered.has(kind)) {
        const option = el('option', null, kind);
        option.value = kind;
        findingFilter.appendChild(option);
        offered.add(kind);
      }
    }
  }

  function outcomeBadge(outcome) {
    return el('span', 'badge outcome-' + token(outcome), outcome);
  }

  function showFailure(message) {
    failure.textContent = message;
    failure.hidden = false;
  }

  function hideFailure() {
    failure.hidden = true;
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error(response.status === 404 ? 'This run is no longer held by the recorder.'
        : 'The recorder answered HTTP ' + response.status + '.');
    }
    return response.json();
  }

  // ---- the list of runs ----

  function query() {
    const params = new URLSearchParams();
    new FormData(filters).forEach((value, key) => {
      if (String(value).trim()) {
        params.set(key, String(value).trim());
      }
    });
    return params.toString();
  }

  async function loadRuns() {
    try {
      const list = await getJson('api/runs?' + query());
      renderRuns(list);
      hideFailure();
    }
    catch (e) {
      showFailure('Could not list the runs: ' + e.message);
    }
  }

  function renderRuns(list) {
    clear(runsBody);
    for (const run of list.runs) {
      const row = el('tr', 'run-row' + (failed(run) ? ' failed' : '') + (hasFindings(run) ? ' has-findings' : ''));
      row.dataset.traceId = run.traceId;
      row.tabIndex = 0;
      row.title = 'trace ' + run.traceId;
      row.appendChild(el('td', 'time', formatTime(run.startTime)));
      const agent = el('td', 'agent', run.agentName);
      if (run.agents.length > 1) {
        agent.appendChild(el('span', 'muted small', ' → ' + run.agents.slice(1).join(', ')));
      }
      row.appendChild(agent);
      const outcome = el('td');
      outcome.appendChild(outcomeBadge(run.outcome));
      row.appendChild(outcome);
      row.appendChild(findingsCell(run));
      offerFindingKinds(run.findings);
      row.appendChild(el('td', 'num', formatDuration(run.durationNanos)));
      row.appendChild(el('td', 'num', run.spanCount + (run.errorSpanCount ? ' (' + run.errorSpanCount + ' failed)' : '')));
      row.appendChild(el('td', 'first-error-name', run.firstErrorSpanName || ''));
      row.appendChild(el('td', 'user', run.userId || ''));
      row.appendChild(el('td', 'conversation', run.conversationId || ''));
      row.addEventListener('click', () => openRun(run.traceId));
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          openRun(run.traceId);
        }
      });
      runsBody.appendChild(row);
    }
    runsEmpty.hidden = list.runs.length > 0;
    const r = list.recorder;
    recorderState.textContent = 'Held: ' + r.successfulRuns + ' successful and ' + r.failedRuns
      + ' failed runs, ' + r.pendingTraces + ' traces waiting for their run. Pushed out by newer ones: '
      + r.evictedRuns + ' runs. Spans dropped by the bounds of a run: ' + r.droppedSpans + '.';
    markSelectedRow();
  }

  function findingsCell(run) {
    const cell = el('td', 'findings');
    if (!hasFindings(run)) {
      return cell;
    }
    const count = Math.max(run.findingCount, run.findings.length);
    cell.title = count + (count === 1 ? ' finding' : ' findings') + (run.firstFindingSpanName
      ? ', the first on ' + run.firstFindingSpanName : '');
    for (const kind of run.findings) {
      cell.appendChild(el('span', 'badge finding-kind', kind));
    }
    if (count > run.findings.length) {
      cell.appendChild(el('span', 'muted small', ' ' + count + ' in all'));
    }
    return cell;
  }

  function markSelectedRow() {
    const traceId = state.tree ? state.tree.run.traceId : null;
    for (const row of runsBody.rows) {
      row.classList.toggle('selected', row.dataset.traceId === traceId);
    }
  }

  // ---- one run ----

  async function openRun(traceId, spanId) {
    try {
      const tree = await getJson('api/runs/' + encodeURIComponent(traceId));
      state.tree = tree;
      renderRun(tree);
      const runSpan = tree.spans.find((span) => operationOf(span) === 'invoke_agent');
      const wanted = [spanId, tree.run.firstErrorSpanId, runSpan && runSpan.spanId, tree.spans[0] && tree.spans[0].spanId]
        .find((id) => id && tree.spans.some((span) => span.spanId === id));
      selectSpan(wanted);
      markSelectedRow();
      hideFailure();
    }
    catch (e) {
      showFailure('Could not open the run: ' + e.message);
    }
  }

  function renderRun(tree) {
    const run = tree.run;
    runPane.hidden = false;
    clear(runHeader);
    const title = el('h2', null, run.agentName + ' ');
    title.appendChild(outcomeBadge(run.outcome));
    // The run as the endpoint returns it, for a test fixture or a bug report.
    const download = el('a', 'download', 'download JSON');
    download.href = 'api/runs/' + encodeURIComponent(run.traceId);
    download.download = 'agent-run-' + token(run.traceId) + '.json';
    title.appendChild(download);
    runHeader.appendChild(title);
    const facts = el('dl', 'facts');
    const fact = (name, value) => {
      if (value !== null && value !== undefined && value !== '') {
        facts.appendChild(el('dt', null, name));
        facts.appendChild(el('dd', null, value));
      }
    };
    fact('started', formatTime(run.startTime));
    fact('run duration', formatDuration(run.durationNanos));
    fact('workflow.run_id', run.workflowRunId);
    fact('user.id', run.userId);
    fact('gen_ai.conversation.id', run.conversationId);
    fact('refusal', run.refusalReason);
    fact('nested agents', run.agents.slice(1).join(', '));
    fact('trace', run.traceId);
    fact('spans', run.spanCount + (run.droppedSpanCount ? ' kept, ' + run.droppedSpanCount + ' dropped by the recorder' : ''));
    runHeader.appendChild(facts);
    renderFindingBanner(tree);
    renderWaterfall(tree);
  }

  /**
   * The run's findings, each one click from its step: "2 findings: empty_tool_result on
   * execute_tool lookupPricing, ungrounded_value on chat ...". The earliest comes first.
   */
  function renderFindingBanner(tree) {
    const run = tree.run;
    const findings = findingsInTree(tree);
    const count = Math.max(run.findingCount, run.findings.length, findings.length);
    if (count === 0) {
      return;
    }
    const banner = el('div', 'finding-banner');
    banner.id = 'finding-banner';
    banner.setAttribute('role', 'note');
    banner.appendChild(el('strong', null, count + (count === 1 ? ' finding' : ' findings') + ':'));
    findings.slice(0, BANNER_FINDINGS).forEach((finding, index) => {
      const link = el('button', 'finding-link' + (index === 0 ? ' first-finding' : ''),
        finding.kind + ' on ' + finding.span.name);
      link.type = 'button';
      if (finding.message) {
        link.title = String(finding.message);
      }
      link.addEventListener('click', () => {
        selectSpan(finding.span.spanId);
        const row = waterfall.querySelector('.span-row.selected');
        if (row) {
          row.scrollIntoView({ block: 'nearest' });
        }
      });
      banner.appendChild(link);
    });
    if (findings.length > BANNER_FINDINGS) {
      banner.appendChild(el('span', 'muted small', 'and ' + (findings.length - BANNER_FINDINGS) + ' more'));
    }
    if (findings.length === 0) {
      // Listed on the run's span, but the steps that carry them were not recorded.
      banner.appendChild(el('span', null, run.findings.join(', ')
        + ' (the spans that carry them are not held by the recorder)'));
    }
    runHeader.appendChild(banner);
  }

  function renderWaterfall(tree) {
    clear(waterfall);
    const total = Math.max(tree.durationNanos, 1);
    const axis = el('div', 'span-row axis');
    axis.appendChild(el('div', 'span-name muted', 'span'));
    const ticks = el('div', 'track');
    for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
      const tick = el('span', 'tick', formatDuration(Math.round(total * fraction)));
      tick.style.left = (fraction * 100) + '%';
      ticks.appendChild(tick);
    }
    axis.appendChild(ticks);
    axis.appendChild(el('div', 'duration muted', 'duration'));
    waterfall.appendChild(axis);
    for (const span of tree.spans) {
      const firstError = span.spanId === tree.run.firstErrorSpanId;
      const findings = findingsOf(span);
      const row = el('div', 'span-row op-' + operationOf(span) + (span.status === 'ERROR' ? ' error' : '')
        + (firstError ? ' first-error' : '') + (findings.length ? ' has-finding' : ''));
      row.dataset.spanId = span.spanId;
      row.dataset.depth = String(span.depth);
      row.tabIndex = 0;
      row.title = span.name;
      const name = el('div', 'span-name');
      name.style.paddingLeft = (0.4 + span.depth * 1.1) + 'em';
      name.appendChild(el('span', 'name', span.name));
      if (firstError) {
        name.appendChild(el('span', 'badge first-error-badge', 'first error'));
      }
      if (findings.length) {
        const kinds = Array.from(new Set(findings.map((finding) => finding.kind)));
        const badge = el('span', 'badge finding-badge', kinds.join(', '));
        badge.title = findings.map((finding) => finding.kind + ': ' + (finding.message || '')).join('\n');
        name.appendChild(badge);
      }
      row.appendChild(name);
      const track = el('div', 'track');
      const bar = el('div', 'bar');
      bar.style.left = (span.offsetNanos / total * 100) + '%';
      bar.style.width = Math.max(span.durationNanos / total * 100, 0.4) + '%';
      track.appendChild(bar);
      row.appendChild(track);
      row.appendChild(el('div', 'duration', formatDuration(span.durationNanos)));
      row.addEventListener('click', () => selectSpan(span.spanId));
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          selectSpan(span.spanId);
        }
      });
      waterfall.appendChild(row);
    }
  }

  function selectSpan(spanId) {
    const tree = state.tree;
    const span = tree.spans.find((s) => s.spanId === spanId);
    if (!span) {
      return;
    }
    state.selectedSpanId = spanId;
    for (const row of waterfall.querySelectorAll('.span-row[data-span-id]')) {
      row.classList.toggle('selected', row.dataset.spanId === spanId);
    }
    renderDetails(span, tree);
    const hash = '#trace=' + encodeURIComponent(tree.run.traceId) + '&span=' + encodeURIComponent(spanId);
    if (location.hash !== hash) {
      history.replaceState(null, '', hash);
    }
  }

  // ---- the selected span ----

  function renderDetails(span, tree) {
    clear(details);
    details.appendChild(el('h3', null, span.name));
    const facts = el('dl', 'facts');
    const fact = (name, value) => {
      facts.appendChild(el('dt', null, name));
      facts.appendChild(el('dd', null, value));
    };
    fact('kind', span.kind);
    fact('status', span.status + (span.statusDescription ? ': ' + span.statusDescription : ''));
    fact('duration', formatDuration(span.durationNanos));
    fact('starts at', '+' + formatDuration(span.offsetNanos));
    fact('span id', span.spanId);
    details.appendChild(facts);
    if (span.status === 'ERROR') {
      const box = el('div', 'error-box');
      box.appendChild(el('strong', null, span.spanId === tree.run.firstErrorSpanId ? 'First error of the run' : 'Failed'));
      const type = attribute(span, 'error.type');
      if (type) {
        box.appendChild(el('div', 'mono', type));
      }
      for (const event of span.events.filter((e) => e.name === 'exception')) {
        const message = event.attributes.find((a) => a.key === 'exception.message');
        if (message) {
          box.appendChild(el('div', null, message.value));
        }
      }
      details.appendChild(box);
    }
    renderFindings(span);
    renderContent(span);
    details.appendChild(el('h4', null, 'Attributes'));
    details.appendChild(attributeTable(span.attributes, span.cutAttributes, ''));
    if (span.events.length) {
      details.appendChild(el('h4', null, 'Events'));
      for (const event of span.events) {
        const box = el('div', 'event');
        const heading = el('div', 'event-name', event.name);
        heading.appendChild(el('span', 'muted small', '  +' + formatDuration(Math.max(event.offsetNanos - span.offsetNanos, 0))
          + ' into the span'));
        box.appendChild(heading);
        if (event.attributes.length) {
          box.appendChild(attributeTable(event.attributes, span.cutAttributes, event.name + '/'));
        }
        details.appendChild(box);
      }
    }
  }

  /** What the detectors found at this step: the kind, the message, what they measured. */
  function renderFindings(span) {
    for (const finding of findingsOf(span)) {
      const box = el('div', 'finding-box');
      box.appendChild(el('strong', 'finding-kind mono', finding.kind));
      if (finding.message !== undefined) {
        box.appendChild(el('div', 'finding-message', finding.message));
      }
      const measured = finding.event.attributes.filter((a) => a.key !== FINDING_KIND && a.key !== FINDING_MESSAGE);
      for (const a of measured) {
        box.appendChild(el('div', 'mono small', a.key.replace(/^agent\.finding\./, '') + ': '
          + (typeof a.value === 'string' ? a.value : JSON.stringify(a.value))));
      }
      details.appendChild(box);
    }
  }

  function attributeTable(attributes, cutKeys, prefix) {
    const table = el('table', 'attributes');
    for (const a of attributes) {
      const row = el('tr');
      row.appendChild(el('th', 'mono', a.key));
      row.appendChild(el('td', 'type', a.type));
      const value = el('td', 'value mono', typeof a.value === 'string' ? a.value : JSON.stringify(a.value));
      if (cutKeys.includes(prefix + a.key)) {
        value.appendChild(el('span', 'badge cut', 'cut by the recorder'));
      }
      row.appendChild(value);
      table.appendChild(row);
    }
    return table;
  }

  function renderContent(span) {
    for (const key of MESSAGE_KEYS) {
      const raw = attribute(span, key);
      if (raw !== undefined) {
        const section = el('section', 'content');
        section.appendChild(el('h4', null, key));
        section.appendChild(conversation(key, raw, span.cutAttributes.includes(key)));
        details.appendChild(section);
      }
    }
    for (const key of JSON_KEYS) {
      const raw = attribute(span, key);
      if (raw !== undefined) {
        const section = el('section', 'content');
        section.appendChild(el('h4', null, key));
        section.appendChild(prettyBlock(raw, span.cutAttributes.includes(key)));
        details.appendChild(section);
      }
    }
  }

  function parse(raw) {
    if (typeof raw !== 'string') {
      return { ok: true, value: raw };
    }
    try {
      return { ok: true, value: JSON.parse(raw) };
    }
    catch (e) {
      return { ok: false, value: raw };
    }
  }

  function pretty(value) {
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  }

  function prettyBlock(raw, cut) {
    const parsed = parse(raw);
    const block = el('div');
    if (!parsed.ok) {
      block.appendChild(el('p', 'muted small', cut ? 'Cut by the recorder: shown as recorded.' : 'Not JSON: shown as recorded.'));
    }
    block.appendChild(el('pre', 'json', parsed.ok ? pretty(parsed.value) : raw));
    return block;
  }

  function conversation(key, raw, cut) {
    const parsed = parse(raw);
    if (!parsed.ok) {
      return prettyBlock(raw, cut);
    }
    let messages = parsed.value;
    if (key === 'gen_ai.system_instructions') {
      messages = [{ role: 'system', parts: Array.isArray(messages) ? messages : [messages] }];
    }
    if (!Array.isArray(messages)) {
      return prettyBlock(raw, cut);
    }
    const list = el('div', 'conversation');
    for (const message of messages) {
      const role = message && message.role ? String(message.role) : 'message';
      const box = el('div', 'message role-' + token(role));
      const heading = el('div', 'role', role + (message && message.name ? ' · ' + message.name : ''));
      if (message && message.finish_reason) {
        heading.appendChild(el('span', 'muted small', '  finish: ' + message.finish_reason));
      }
      box.appendChild(heading);
      const parts = message && Array.isArray(message.parts) ? message.parts : [message];
      for (const part of parts) {
        box.appendChild(renderPart(part));
      }
      list.appendChild(box);
    }
    return list;
  }

  function renderPart(part) {
    const type = part && part.type;
    if ((type === 'text' || type === 'reasoning') && typeof part.content === 'string') {
      return el('p', 'text' + (type === 'reasoning' ? ' reasoning' : ''), part.content);
    }
    if (type === 'tool_call') {
      const box = el('div', 'tool-call');
      box.appendChild(el('div', 'mono', 'calls ' + part.name + (part.id ? '  (' + part.id + ')' : '')));
      if (part.arguments !== undefined) {
        box.appendChild(el('pre', 'json', pretty(parse(part.arguments).value)));
      }
      return box;
    }
    if (type === 'tool_call_response') {
      const box = el('div', 'tool-response');
      box.appendChild(el('div', 'mono', 'tool result' + (part.id ? '  (' + part.id + ')' : '')));
      box.appendChild(el('pre', 'json', pretty(parse(part.response).value)));
      return box;
    }
    return el('pre', 'json', pretty(part));
  }

  // ---- wiring ----

  function openFromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    const traceId = params.get('trace');
    if (traceId && (!state.tree || state.tree.run.traceId !== traceId)) {
      openRun(traceId, params.get('span'));
    }
  }

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    loadRuns();
  });
  document.getElementById('refresh').addEventListener('click', () => {
    loadRuns();
    if (state.tree) {
      openRun(state.tree.run.traceId, state.selectedSpanId);
    }
  });
  document.getElementById('live').addEventListener('change', (event) => {
    clearInterval(state.liveTimer);
    state.liveTimer = event.target.checked ? setInterval(loadRuns, LIVE_INTERVAL_MS) : null;
  });
  window.addEventListener('hashchange', openFromHash);

  loadRuns().then(openFromHash);
})();
