// What each kind of fact asks for: the fields of the API's request bodies (docs/api.md), so one form
// component records any of them. Enumerations are the API's own values.
export type Field = {
  name: string;
  label: string;
  type?: 'text' | 'textarea' | 'instant' | 'date' | 'list' | 'select' | 'url';
  options?: string[];
  required?: boolean;
  /** A path or query parameter instead of a body field. */
  in?: 'path' | 'query';
  /** For path parameters: the incident's facts to choose from. */
  choices?: 'rootCauses' | 'timeline' | 'remediations';
};

export type FormSpec = { key: string; title: string; method: string; path: string; fields: Field[]; submit: string };

const CONFIDENCE = ['CONFIRMED', 'SECONDARY', 'UNVERIFIED'];
const PRECISION = ['EXACT', 'MINUTE', 'HOUR', 'DAY'];
const SOURCE: Field = { name: 'source', label: 'Source (URL)', type: 'url' };
const CONF: Field = { name: 'confidence', label: 'Confidence', type: 'select', options: CONFIDENCE };

export const DECLARE: FormSpec = {
  key: 'declare', title: 'Declare an incident', method: 'POST', path: '/api/incidents', submit: 'Declare',
  fields: [
    { name: 'id', label: 'Id (lowercase, e.g. acme-2026-03-01)', required: true },
    { name: 'title', label: 'Title', required: true },
    { name: 'organization', label: 'Organization', required: true },
    { name: 'severity', label: 'Severity', type: 'select', options: ['SEV1', 'SEV2', 'SEV3', 'SEV4'], required: true },
    { name: 'startedAt', label: 'Started at (UTC)', type: 'instant', required: true },
    { name: 'startPrecision', label: 'Start precision', type: 'select', options: PRECISION },
    { name: 'summary', label: 'Summary', type: 'textarea' },
    { name: 'sources', label: 'Sources (URLs, comma-separated)', type: 'list' },
  ],
};

export const FACTS: FormSpec[] = [
  {
    key: 'timeline', title: 'Timeline entry', method: 'POST', path: '/timeline', submit: 'Record entry',
    fields: [
      { name: 'at', label: 'At (UTC)', type: 'instant', required: true },
      { name: 'precision', label: 'Precision', type: 'select', options: PRECISION },
      { name: 'kind', label: 'Kind', type: 'select', required: true,
        options: ['TRIGGER', 'DETECTION', 'HYPOTHESIS', 'ESCALATION', 'MITIGATION', 'COMMUNICATION', 'RECOVERY', 'RESOLUTION', 'OTHER'] },
      { name: 'text', label: 'What happened', type: 'textarea', required: true }, SOURCE, CONF,
    ],
  },
  {
    key: 'statement', title: 'Statement (a quote)', method: 'POST', path: '/statements', submit: 'Record statement',
    fields: [
      { name: 'speaker', label: 'Speaker', required: true }, { name: 'role', label: 'Role (e.g. CTO)' },
      { name: 'publishedAt', label: 'Published at (UTC)', type: 'instant' },
      { name: 'channel', label: 'Channel', type: 'select', options: ['BLOG', 'X', 'STATUS_PAGE', 'PRESS', 'POSTMORTEM', 'SOCIAL', 'OTHER'] },
      { name: 'quote', label: 'Quote', type: 'textarea', required: true }, SOURCE, CONF,
    ],
  },
  {
    key: 'root-cause', title: 'Root cause', method: 'POST', path: '/root-causes', submit: 'Record root cause',
    fields: [
      { name: 'summary', label: 'Summary', type: 'textarea', required: true },
      { name: 'labels', label: 'Labels (dimension:label, comma-separated)', type: 'list' },
      { name: 'identifiedAt', label: 'Identified at (UTC)', type: 'instant' }, SOURCE, CONF,
    ],
  },
  {
    key: 'factor', title: 'Contributing factor', method: 'POST', path: '/contributing-factors', submit: 'Record factor',
    fields: [
      { name: 'text', label: 'Factor', type: 'textarea', required: true },
      { name: 'labels', label: 'Labels (dimension:label, comma-separated)', type: 'list' }, SOURCE, CONF,
    ],
  },
  {
    key: 'impact', title: 'Impact', method: 'PUT', path: '/impact', submit: 'Record impact',
    fields: [
      { name: 'description', label: 'Description', type: 'textarea', required: true },
      { name: 'affectedServices', label: 'Affected services (comma-separated)', type: 'list' }, SOURCE, CONF,
    ],
  },
  {
    key: 'remediation', title: 'Remediation action', method: 'POST', path: '/remediations', submit: 'Record action',
    fields: [
      { name: 'description', label: 'Action', type: 'textarea', required: true },
      { name: 'type', label: 'Type', type: 'select', options: ['PREVENT', 'DETECT', 'MITIGATE', 'PROCESS'], required: true },
      { name: 'owner', label: 'Owner' }, { name: 'dueDate', label: 'Due date', type: 'date' }, SOURCE, CONF,
    ],
  },
  {
    key: 'remediation-status', title: 'Remediation status change', method: 'PATCH', path: '/remediations/{actionId}', submit: 'Change status',
    fields: [
      { name: 'actionId', label: 'Action', in: 'path', type: 'select', choices: 'remediations', required: true },
      { name: 'status', label: 'New status', type: 'select', options: ['PROPOSED', 'IN_PROGRESS', 'DONE', 'ABANDONED'], required: true },
      { name: 'at', label: 'When it happened (UTC)', type: 'instant' }, { name: 'note', label: 'Note' },
    ],
  },
  {
    key: 'resolution', title: 'Resolution', method: 'POST', path: '/resolution', submit: 'Record resolution',
    fields: [
      { name: 'resolvedAt', label: 'Resolved at (UTC)', type: 'instant' },
      { name: 'precision', label: 'Precision', type: 'select', options: PRECISION },
      { name: 'how', label: 'How', type: 'textarea' }, SOURCE, CONF,
    ],
  },
  {
    key: 'link', title: 'Link to another incident', method: 'POST', path: '/links', submit: 'Link',
    fields: [
      { name: 'incidentId', label: 'Other incident id', required: true },
      { name: 'relation', label: 'Relation', type: 'select', required: true,
        options: ['SAME_ROOT_CAUSE', 'CAUSED_BY', 'CAUSED', 'FOLLOW_UP_OF', 'DUPLICATE_OF'] },
      { name: 'note', label: 'Note' },
    ],
  },
  {
    key: 'rule-out', title: 'Rule out a root cause', method: 'DELETE', path: '/root-causes/{rootCauseId}', submit: 'Rule out',
    fields: [
      { name: 'rootCauseId', label: 'Root cause', in: 'path', type: 'select', choices: 'rootCauses', required: true },
      { name: 'reason', label: 'Why it is ruled out', in: 'query', required: true },
      { name: 'ruledOutAt', label: 'Ruled out at (UTC)', in: 'query', type: 'instant' },
    ],
  },
  {
    key: 'correct', title: 'Correct a timeline entry', method: 'PUT', path: '/timeline/{entryId}', submit: 'Correct',
    fields: [
      { name: 'entryId', label: 'Entry', in: 'path', type: 'select', choices: 'timeline', required: true },
      { name: 'text', label: 'Corrected text', type: 'textarea' },
      { name: 'at', label: 'Corrected time (UTC)', type: 'instant' },
      { name: 'reason', label: 'Why', required: true },
    ],
  },
  {
    key: 'retract', title: 'Retract a timeline entry', method: 'DELETE', path: '/timeline/{entryId}', submit: 'Retract',
    fields: [
      { name: 'entryId', label: 'Entry', in: 'path', type: 'select', choices: 'timeline', required: true },
      { name: 'reason', label: 'Why it is retracted', in: 'query', required: true },
    ],
  },
];
