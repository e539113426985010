// Checking a safety goal while it is written: on a form marked data-plan-check="<url>", after a
// pause in typing in the statement, the measure, the target, who is responsible, the review
// date or how long it must last, the goal as typed so far is sent to that url (conference/plans/goal_views.py, check_goal)
// and the findings panel beside the form is shown again with the answer. The panel is
// aria-live="polite", so a screen reader announces the new findings when the user stops typing.
//
// Without JavaScript the server shows the same panel when the page opens and after a save with
// errors. The markup built here follows templates/views/plans/goal_assessment.html and
// _findings.html: change them together. Everything is built with DOM methods and textContent,
// never innerHTML: the findings quote what the user typed.

const PAUSE_MS = 700;
const CHECKED = [
  "statement",
  "measure",
  "target",
  "owner",
  "review_on",
  "sustained_for",
  "worry_item_ids",
];

function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content ?? "";
}

function valueOf(form, name) {
  const field = form.elements.namedItem(name);
  return field && "value" in field ? field.value : "";
}

// The review date's day, month and year boxes as "YYYY-MM-DD", or "" until they make a real date.
function reviewDate(form) {
  const parts = [...form.elements].filter((field) => field.name === "review_on");
  const [day, month, year] = parts.map((field) => field.value.trim());
  if (!/^\d{1,2}$/.test(day ?? "") || !/^\d{1,2}$/.test(month ?? "") || !/^\d{4}$/.test(year ?? "")) {
    return "";
  }
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return "";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

// The worry statements ticked so far: the suggested outcome answers them.
function worriesTicked(form) {
  return [...form.elements]
    .filter((field) => field.name === "worry_item_ids" && field.checked)
    .map((field) => field.value);
}

function goalAsTyped(form) {
  return {
    statement: valueOf(form, "statement"),
    measure: valueOf(form, "measure"),
    target: valueOf(form, "target"),
    owner: valueOf(form, "owner"),
    review_on: reviewDate(form),
    sustained_for: valueOf(form, "sustained_for"),
    worry_item_ids: worriesTicked(form),
  };
}

function element(tag, classes, text) {
  const node = document.createElement(tag);
  if (classes) node.className = classes;
  if (text !== undefined) node.textContent = text;
  return node;
}

function tag(text, colour) {
  return element("strong", `govuk-tag govuk-tag--${colour}`, text);
}

// The graded reading: each grade's tag (its words come from the panel's data-grade-* attributes)
// and colour.
const GRADES = {
  outcome: { label: "gradeOutcome", colour: "green" },
  mixed: { label: "gradeMixed", colour: "yellow" },
  task: { label: "gradeTask", colour: "orange" },
};

function tags(panel, result) {
  const { measurable, notMeasurable } = panel.dataset;
  const grade = GRADES[result.grade];
  const gradeTag = tag(panel.dataset[grade.label], grade.colour);
  gradeTag.dataset.grade = result.grade;
  const line = element("p", "govuk-body");
  line.dataset.assessmentTags = "";
  line.append(
    gradeTag,
    " ",
    tag(result.measurable ? measurable : notMeasurable, result.measurable ? "green" : "orange"),
  );
  return line;
}

// "“Mum will stay off drink”", "“a” and “b”", "“a”, “b” and “c”".
function quotedParts(parts) {
  const quoted = parts.map((part) => `“${part}”`);
  return quoted.length <= 1
    ? quoted.join("")
    : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

// For a goal with actions mixed in: which of its words are the outcome, which the actions.
function mixedReading(result) {
  const line = element(
    "p",
    "govuk-body",
    `The outcome here is ${quotedParts(result.outcome_parts)}; ` +
      `keep ${quotedParts(result.action_parts)} as ` +
      `${result.action_parts.length === 1 ? "an action" : "actions"}.`,
  );
  line.dataset.mixedReading = "";
  return line;
}

function findings(panel, found) {
  if (found.length === 0) {
    const nothing = element("p", "govuk-body", panel.dataset.nothing);
    nothing.dataset.findings = "";
    return nothing;
  }
  const list = element("ul", "govuk-list govuk-!-margin-bottom-0");
  list.dataset.findings = "";
  for (const finding of found) {
    const item = element("li", "govuk-!-margin-bottom-4");
    item.dataset.finding = finding.code;
    item.append(
      element("p", "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1", finding.message),
    );
    if (finding.suggestion) {
      item.append(element("p", "govuk-body govuk-!-margin-bottom-0", finding.suggestion));
    }
    list.append(item);
  }
  return list;
}

function isValid(result) {
  return (
    result &&
    typeof result.outcome_focused === "boolean" &&
    typeof result.measurable === "boolean" &&
    Object.hasOwn(GRADES, result.grade) &&
    [result.outcome_parts, result.action_parts].every(
      (parts) => Array.isArray(parts) && parts.every((part) => typeof part === "string"),
    ) &&
    Array.isArray(result.findings) &&
    result.findings.every((f) => typeof f.message === "string")
  );
}

function watch(form, panel) {
  const url = form.dataset.planCheck;
  let timer;
  let sent = 0;
  let lastBody = JSON.stringify(goalAsTyped(form));

  async function check() {
    const body = JSON.stringify(goalAsTyped(form));
    if (body === lastBody) return;
    lastBody = body;
    const number = ++sent;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
        body,
        credentials: "same-origin",
        // A signed-out user is redirected to the sign-in page: keep the findings shown.
        redirect: "manual",
      });
      if (!response.ok) return;
      const result = await response.json();
      // An answer to an earlier request arriving late must not replace a newer one.
      if (number !== sent || !isValid(result)) return;
      const reading = result.grade === "mixed" ? [mixedReading(result)] : [];
      // The reading above says what the "mixed-goal" finding says: not twice; and a mixed goal
      // always has something to put right, so "Nothing to put right" is not said of it.
      const rest = result.findings.filter((finding) => finding.code !== "mixed-goal");
      const listed = rest.length || !reading.length ? [findings(panel, rest)] : [];
      panel.replaceChildren(tags(panel, result), ...reading, ...listed);
    } catch {
      // Offline, or the answer was not JSON: the findings shown stay until the next pause.
      lastBody = "";
    }
  }

  form.addEventListener("input", (event) => {
    if (!CHECKED.includes(event.target.name)) return;
    clearTimeout(timer);
    timer = setTimeout(check, PAUSE_MS);
  });
}

for (const form of document.querySelectorAll("form[data-plan-check]")) {
  const panel = document.querySelector("[data-plan-check-result]");
  if (panel) watch(form, panel);
}
