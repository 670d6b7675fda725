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

  const state = { tree: null, selectedSpanId: null, liveTimer: null, picked: [], comparison: null };

  const filters = document.getElementById('filters');
  const runsBody = document.querySelector('#runs tbody');
  const runsEmpty = document.getElementById('runs-empty');
  const recorderState = document.getElementById('recorder-state');
  const runPane = document.getElementById('run-pane');
  const runHeader = document.getElementById('run-header');
  const waterfall = document.getElementById('waterfall');
  const details = document.getElementById('span-details');
  const failure = document.getElementById('failure');
  const compareButton = document.getElementById('compare');
  const compareHint = document.getElementById('compare-hint');
  const comparePane = document.getElementById('compare-pane');
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
      row.appendChild(pickCell(run));
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
    updateCompareBar();
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
      comparePane.hidden = true;
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
    // The run as the endpoint returns it: the JSON that TraceFixtures and the replay read.
    const download = el('a', 'download', 'Download as a test fixture');
    download.href = 'api/runs/' + encodeURIComponent(run.traceId);
    download.download = fixtureFileName(run);
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
    runHeader.appendChild(fixtureBox(tree));
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

  // ---- download as a test fixture ----

  function fixtureFileName(run) {
    return 'agent-run-' + token(run.traceId) + '.json';
  }

  /** The first user message the run's model was sent, when content capture recorded it. */
  function recordedQuestion(tree) {
    const chat = tree.spans.find((span) => attribute(span, 'gen_ai.input.messages') !== undefined);
    const parsed = chat ? parse(attribute(chat, 'gen_ai.input.messages')) : { ok: false };
    if (!parsed.ok || !Array.isArray(parsed.value)) {
      return undefined;
    }
    for (const message of parsed.value) {
      if (message && message.role === 'user' && Array.isArray(message.parts)) {
        const text = message.parts.filter((p) => p && p.type === 'text' && typeof p.content === 'string')
          .map((p) => p.content).join(' ').replace(/\s+/g, ' ');
        if (text) {
          return text.length > 120 ? text.slice(0, 117) + '...' : text;
        }
      }
    }
    return undefined;
  }

  /** The few lines of JUnit that replay the downloaded run (agent-tracing-test's RecordedRun and ReplayChatModel). */
  function junitLines(tree) {
    const run = tree.run;
    const resource = 'runs/' + fixtureFileName(run);
    const question = recordedQuestion(tree);
    return [
      '// Save the downloaded file as src/test/resources/' + resource,
      '@Autowired ReplayChatModel model; // a @Bean of the test: new ReplayChatModel(observationRegistry)',
      '@Autowired AgentTraces traces;',
      '',
      '@Test',
      'void replaysRecordedRun() {',
      '    RecordedRun recorded = RecordedRun.loadResource("' + resource + '");',
      '    model.replay(recorded);',
      '',
      '    // call the agent ' + run.agentName + ' as the recorded run was called'
        + (question !== undefined ? ', it was asked: ' + question : ''),
      '',
      '    assertThatRun(traces.lastRun()).comparedTo(recorded.trace()).isSameRun();',
      '}'
    ].join('\n');
  }

  function fixtureBox(tree) {
    const box = el('details', 'fixture');
    box.appendChild(el('summary', null, 'Replay this run in a test'));
    box.appendChild(el('p', 'muted small', 'The downloaded JSON holds the run as the recorder kept it, after redaction:'
      + ' load it with TraceFixtures, or replay it through your agent with agent-tracing-test:'));
    box.appendChild(el('pre', 'junit mono', junitLines(tree)));
    return box;
  }

  // ---- compare two runs ----
  // The rules of RunComparison in agent-tracing-test (its javadoc is the reference; keep them the same):
  // steps are the spans with a gen_ai.operation.name under the run's span, depth first in start order, a nested
  // run's steps after it; other spans are looked through. Steps are aligned on depth and name (longest common
  // subsequence), then compared on what they did; ids, timings and other attributes never count. The runs part at
  // the first step that differs (or that only one run took); steps are numbered from 1.

  const ASPECTS = ['step', 'tool calls', 'answer', 'finish reasons', 'arguments', 'result', 'outcome', 'error',
    'findings', 'tokens'];

  const CONTENT_ASPECTS = ['answer', 'arguments', 'result'];

  function pickCell(run) {
    const cell = el('td', 'pick');
    const box = el('input');
    box.type = 'checkbox';
    box.className = 'pick-run';
    box.title = 'Compare this run';
    box.checked = state.picked.includes(run.traceId);
    box.addEventListener('click', (event) => event.stopPropagation());
    box.addEventListener('change', () => {
      state.picked = state.picked.filter((id) => id !== run.traceId);
      if (box.checked) {
        state.picked.push(run.traceId);
      }
      // Two runs at most: the earliest pick gives way.
      while (state.picked.length > 2) {
        state.picked.shift();
      }
      for (const other of runsBody.querySelectorAll('input.pick-run')) {
        other.checked = state.picked.includes(other.closest('tr').dataset.traceId);
      }
      updateCompareBar();
    });
    cell.addEventListener('click', (event) => event.stopPropagation());
    cell.appendChild(box);
    return cell;
  }

  function updateCompareBar() {
    compareButton.disabled = state.picked.length !== 2;
    compareHint.textContent = state.picked.length === 2 ? 'Compare the two ticked runs, the older one as expected.'
      : 'Tick two runs to compare them step by step (' + state.picked.length + ' ticked).';
  }

  function canonical(value) {
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
        try {
          return canonical(JSON.parse(trimmed));
        }
        catch (e) {
          return value;
        }
      }
      return value;
    }
    if (Array.isArray(value)) {
      return value.map(canonical);
    }
    if (value && typeof value === 'object') {
      const sorted = {};
      for (const key of Object.keys(value).sort()) {
        sorted[key] = canonical(value[key]);
      }
      return sorted;
    }
    return value;
  }

  function jsonText(value) {
    if (value === undefined || value === null) {
      return undefined;
    }
    const held = canonical(value);
    return typeof held === 'string' ? held : JSON.stringify(held);
  }

  function stepsOf(tree) {
    const children = new Map();
    for (const span of tree.spans) {
      const key = span.parentSpanId || '';
      if (!children.has(key)) {
        children.set(key, []);
      }
      children.get(key).push(span);
    }
    const runSpan = tree.spans.find((span) => attribute(span, 'gen_ai.operation.name') === 'invoke_agent');
    const steps = [];
    const collect = (parent, depth, prefix) => {
      for (const child of children.get(parent.spanId) || []) {
        const operation = attribute(child, 'gen_ai.operation.name');
        if (operation === undefined) {
          collect(child, depth, prefix);
          continue;
        }
        steps.push({ number: steps.length + 1, depth: depth, name: prefix + child.name, span: child });
        if (operation === 'invoke_agent') {
          collect(child, depth + 1, prefix + (attribute(child, 'gen_ai.agent.name') || child.name) + ' › ');
        }
        else {
          collect(child, depth, prefix);
        }
      }
    };
    if (runSpan) {
      collect(runSpan, 0, '');
    }
    return { runSpan: runSpan, steps: steps };
  }

  function outcomeOf(span) {
    const outcome = attribute(span, 'agent.outcome');
    const reason = attribute(span, 'agent.refusal.reason');
    return outcome !== undefined && reason !== undefined ? outcome + ' (' + reason + ')' : outcome;
  }

  function errorOf(span) {
    const type = attribute(span, 'error.type');
    return type !== undefined ? String(type) : span.status === 'ERROR' ? 'failed' : '(none)';
  }

  function findingKindsOf(span) {
    const kinds = span.events.filter((event) => event.name === 'agent.finding').map((event) => {
      const kind = event.attributes.find((a) => a.key === 'agent.finding.kind');
      return kind ? String(kind.value) : '(no kind)';
    });
    return kinds.length ? kinds.join(', ') : undefined;
  }

  function stepFacts(span, options) {
    const facts = {};
    const operation = attribute(span, 'gen_ai.operation.name');
    if (operation === 'execute_tool') {
      facts['arguments'] = jsonText(attribute(span, 'gen_ai.tool.call.arguments'));
      facts['result'] = jsonText(attribute(span, 'gen_ai.tool.call.result'));
    }
    else if (operation === 'invoke_agent') {
      facts['outcome'] = outcomeOf(span);
    }
    else {
      const output = attribute(span, 'gen_ai.output.messages');
      const messages = output !== undefined ? canonical(output) : undefined;
      if (Array.isArray(messages)) {
        const calls = [];
        let answer = '';
        for (const message of messages) {
          for (const part of (message && Array.isArray(message.parts)) ? message.parts : []) {
            if (part && part.type === 'tool_call') {
              const name = part.name !== undefined ? String(part.name) : '?';
              const args = jsonText(part.arguments);
              calls.push(options.ignoreContent || args === undefined ? name : name + ' ' + args);
            }
            else if (part && part.type === 'text' && typeof part.content === 'string') {
              answer += part.content;
            }
          }
        }
        facts['tool calls'] = calls.length ? calls.join(', ') : '(none)';
        facts['answer'] = answer || '(none)';
      }
      const reasons = attribute(span, 'gen_ai.response.finish_reasons');
      if (reasons !== undefined) {
        facts['finish reasons'] = (Array.isArray(reasons) ? reasons : [reasons]).join(', ');
      }
      const input = attribute(span, 'gen_ai.usage.input_tokens');
      const outputTokens = attribute(span, 'gen_ai.usage.output_tokens');
      if (input !== undefined || outputTokens !== undefined) {
        facts['tokens'] = 'input ' + (input || 0) + ', output ' + (outputTokens || 0);
      }
    }
    facts['error'] = errorOf(span);
    facts['findings'] = findingKindsOf(span);
    return facts;
  }

  function runFacts(tree, runSpan) {
    const facts = {};
    facts['outcome'] = outcomeOf(runSpan);
    facts['error'] = errorOf(runSpan);
    const listed = attribute(runSpan, 'agent.findings');
    facts['findings'] = listed !== undefined ? (listed.length ? listed.join(', ') : undefined) : findingKindsOf(runSpan);
    // Tokens of the whole tree: the run's own and those of every run nested in it.
    const below = new Set([runSpan.spanId]);
    let tokens = 0;
    for (const span of tree.spans) {
      if (span === runSpan || (span.parentSpanId && below.has(span.parentSpanId))) {
        below.add(span.spanId);
        if (attribute(span, 'gen_ai.operation.name') === 'invoke_agent') {
          tokens += Number(attribute(span, 'gen_ai.usage.input_tokens') || 0)
            + Number(attribute(span, 'gen_ai.usage.output_tokens') || 0);
        }
      }
    }
    facts['tokens'] = String(tokens);
    return facts;
  }

  function align(expected, actual) {
    const key = (step) => step.depth + '|' + step.name;
    const n = expected.length;
    const m = actual.length;
    const common = [];
    for (let i = 0; i <= n; i++) {
      common.push(new Array(m + 1).fill(0));
    }
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        common[i][j] = key(expected[i]) === key(actual[j]) ? common[i + 1][j + 1] + 1
          : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    const rows = [];
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && key(expected[i]) === key(actual[j])) {
        rows.push({ expected: expected[i++], actual: actual[j++], aspects: [] });
      }
      else if (j < m && (i === n || common[i][j + 1] >= common[i + 1][j])) {
        rows.push({ expected: null, actual: actual[j++], aspects: [] });
      }
      else {
        rows.push({ expected: expected[i++], actual: null, aspects: [] });
      }
    }
    return rows;
  }

  /** The comparison of two runs: the aligned rows, every difference, and the step where they part. */
  function compareRuns(expectedTree, actualTree, options) {
    const ignored = new Set();
    if (options.ignoreTokens) {
      ignored.add('tokens');
    }
    if (options.ignoreContent) {
      CONTENT_ASPECTS.forEach((aspect) => ignored.add(aspect));
    }
    const expected = stepsOf(expectedTree);
    const actual = stepsOf(actualTree);
    const rows = align(expected.steps, actual.steps);
    const differences = [];
    const compareFacts = (expectedFacts, actualFacts, step, stepName, row) => {
      for (const aspect of ASPECTS) {
        if (ignored.has(aspect) || !(aspect in expectedFacts || aspect in actualFacts)) {
          continue;
        }
        const e = expectedFacts[aspect];
        const a = actualFacts[aspect];
        if (e !== a) {
          if (row) {
            row.aspects.push(aspect);
          }
          differences.push({ aspect: aspect, step: step, stepName: stepName, expected: shown(e), actual: shown(a) });
        }
      }
    };
    for (const row of rows) {
      if (!row.expected || !row.actual) {
        const only = row.expected || row.actual;
        row.aspects.push('step');
        differences.push({ aspect: 'step', step: only.number, stepName: only.name,
          expected: row.expected ? row.expected.name : '(none)', actual: row.actual ? row.actual.name : '(none)' });
        continue;
      }
      compareFacts(stepFacts(row.expected.span, options), stepFacts(row.actual.span, options), row.actual.number,
        row.actual.name, row);
    }
    const end = Math.max(expected.steps.length, actual.steps.length) + 1;
    if (expected.runSpan && actual.runSpan) {
      if (attribute(expected.runSpan, 'gen_ai.agent.name') !== attribute(actual.runSpan, 'gen_ai.agent.name')) {
        differences.push({ aspect: 'step', step: end, stepName: null,
          expected: String(attribute(expected.runSpan, 'gen_ai.agent.name')),
          actual: String(attribute(actual.runSpan, 'gen_ai.agent.name')) });
      }
      compareFacts(runFacts(expectedTree, expected.runSpan), runFacts(actualTree, actual.runSpan), end, null, null);
    }
    return { rows: rows, differences: differences, parting: differences.length ? differences[0] : null };
  }

  /** A value as a difference shows it: on one line, cut after 160 characters. */
  function shown(value) {
    if (value === undefined) {
      return '(none)';
    }
    const text = String(value).replace(/\n/g, '\\n');
    return text.length <= 160 ? text : text.slice(0, 160) + '... (' + text.length + ' characters)';
  }

  function where(difference) {
    return difference.stepName !== null ? 'step ' + difference.step + ' ' + difference.stepName : 'the run';
  }

  async function openComparison(firstId, secondId) {
    try {
      const trees = await Promise.all([firstId, secondId].map((id) => getJson('api/runs/' + encodeURIComponent(id))));
      // The older run is the expected one: a recording before its replay, a run before a change.
      trees.sort((a, b) => new Date(a.run.startTime).getTime() - new Date(b.run.startTime).getTime());
      state.comparison = { expected: trees[0], actual: trees[1], ignoreTokens: false, ignoreContent: false };
      renderComparison();
      const hash = '#compare=' + encodeURIComponent(trees[0].run.traceId) + ',' + encodeURIComponent(trees[1].run.traceId);
      if (location.hash !== hash) {
        history.replaceState(null, '', hash);
      }
      hideFailure();
    }
    catch (e) {
      showFailure('Could not compare the runs: ' + e.message);
    }
  }

  function runCard(label, tree) {
    const card = el('div', 'compare-run');
    const heading = el('h3', null, label + ': ' + tree.run.agentName + ' ');
    heading.appendChild(outcomeBadge(tree.run.outcome));
    card.appendChild(heading);
    card.appendChild(el('div', 'muted small', formatTime(tree.run.startTime)
      + (tree.run.conversationId ? ' · ' + tree.run.conversationId : '') + ' · trace ' + tree.run.traceId));
    return card;
  }

  function renderComparison() {
    const c = state.comparison;
    const result = compareRuns(c.expected, c.actual, c);
    runPane.hidden = true;
    comparePane.hidden = false;
    state.tree = null;
    markSelectedRow();
    clear(comparePane);
    comparePane.appendChild(el('h2', null, 'Compare two runs'));
    const runs = el('div', 'compare-runs');
    runs.appendChild(runCard('Expected', c.expected));
    runs.appendChild(runCard('Actual', c.actual));
    comparePane.appendChild(runs);
    const options = el('div', 'compare-options small');
    for (const [key, text] of [['ignoreTokens', 'ignore tokens'], ['ignoreContent', 'ignore content']]) {
      const label = el('label', 'inline');
      const box = el('input');
      box.type = 'checkbox';
      box.name = key;
      box.checked = c[key];
      box.addEventListener('change', () => {
        c[key] = box.checked;
        renderComparison();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + text));
      options.appendChild(label);
    }
    options.appendChild(el('span', 'muted', 'Ids and timings are always ignored.'));
    comparePane.appendChild(options);
    const summary = el('p', 'compare-summary' + (result.parting ? ' parted' : ' same'));
    if (result.parting) {
      const p = result.parting;
      summary.textContent = 'The runs part at ' + (p.stepName !== null ? 'step ' + p.step + ' ' + p.stepName
        : 'the run\'s end, after its steps') + ': ' + p.aspect + (p.aspect.endsWith('s') ? ' differ.' : ' differs.');
    }
    else {
      summary.textContent = 'The runs are the same: the same steps, each doing the same, with the same outcome.';
    }
    comparePane.appendChild(summary);
    const table = el('table', 'compare-steps');
    table.id = 'compare-steps';
    const head = el('tr');
    for (const text of ['', 'Expected', 'Actual', 'Differs in']) {
      head.appendChild(el('th', null, text));
    }
    table.appendChild(head);
    let partingMarked = false;
    for (const row of result.rows) {
      const kind = !row.expected ? 'only-actual' : !row.actual ? 'only-expected' : row.aspects.length ? 'differs' : 'same';
      const tr = el('tr', 'step-row ' + kind);
      if (kind !== 'same' && !partingMarked) {
        tr.classList.add('parting');
        partingMarked = true;
      }
      tr.appendChild(el('td', 'mark', { 'same': '=', 'differs': '≠', 'only-expected': '-', 'only-actual': '+' }[kind]));
      tr.appendChild(stepCell(row.expected, c.expected, 'expected-step'));
      tr.appendChild(stepCell(row.actual, c.actual, 'actual-step'));
      const aspects = el('td', 'aspects', row.aspects.join(', '));
      if (tr.classList.contains('parting')) {
        aspects.appendChild(el('span', 'badge parting-badge', 'the runs part here'));
      }
      tr.appendChild(aspects);
      table.appendChild(tr);
    }
    comparePane.appendChild(table);
    if (result.differences.length) {
      comparePane.appendChild(el('h3', null, 'Differences'));
      const list = el('ol', 'compare-differences');
      list.id = 'compare-differences';
      for (const difference of result.differences) {
        const item = el('li', 'difference aspect-' + token(difference.aspect));
        item.appendChild(el('div', 'where', where(difference) + ', ' + difference.aspect));
        item.appendChild(el('div', 'expected mono', 'expected: ' + difference.expected));
        item.appendChild(el('div', 'actual mono', 'actual:   ' + difference.actual));
        list.appendChild(item);
      }
      comparePane.appendChild(list);
    }
  }

  function stepCell(step, tree, className) {
    const cell = el('td', className);
    if (step) {
      const link = el('a', 'step-link', step.number + ' ' + step.name);
      link.href = '#trace=' + encodeURIComponent(tree.run.traceId) + '&span=' + encodeURIComponent(step.span.spanId);
      link.style.paddingLeft = (step.depth * 1.1) + 'em';
      cell.appendChild(link);
    }
    return cell;
  }

  // ---- wiring ----

  function openFromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    const compare = params.get('compare');
    if (compare && compare.split(',').length === 2) {
      const [first, second] = compare.split(',');
      const shown = state.comparison && !comparePane.hidden
        && [state.comparison.expected.run.traceId, state.comparison.actual.run.traceId].join(',') === compare;
      if (!shown) {
        openComparison(first, second);
      }
      return;
    }
    const traceId = params.get('trace');
    if (traceId && (!state.tree || state.tree.run.traceId !== traceId || !comparePane.hidden)) {
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
  compareButton.addEventListener('click', () => {
    if (state.picked.length === 2) {
      openComparison(state.picked[0], state.picked[1]);
    }
  });
  window.addEventListener('hashchange', openFromHash);

  loadRuns().then(openFromHash);
})();
