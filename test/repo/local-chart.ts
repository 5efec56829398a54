/**
 * An environment that deploys a local Helm chart: the chart's values hold
 * the image, its templates are Go templates (not YAML, and they name the
 * chart, `api`, like the image); beside it a file that does not parse and
 * mentions no image, and one that does not parse and holds the image.
 */

export const CHART_YAML = `apiVersion: v2
name: api
description: The api service and its database migrations
version: 0.3.0
appVersion: "1.4.1"
`;

export const CHART_VALUES = `# the api chart
image:
  repository: ghcr.io/acme/api
  tag: 1.4.1 # bumped by promenade
migrations:
  enabled: true
`;

/** Helm fills this in; read as YAML it fails on its first line. */
export const JOB_TEMPLATE = `{{- if .Values.migrations.enabled }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "api.fullname" . }}-migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          args: ["migrate", "up"]
{{- end }}
`;

/** A subchart's template, under charts/<name>/templates/ (its Chart.yaml left out). */
export const SUBCHART_TEMPLATE = `{{ if .Values.enabled }}
kind: StatefulSet
{{ end }}
`;

/** Broken YAML that mentions no image: an unclosed flow sequence, reported at line 3. */
export const BROKEN_NOTES = `owner: platform-team
escalation: [pager, chat
runbook: https://runbooks.example.com/checkout
`;

/** Broken YAML that holds ghcr.io/acme/api: promoting that image into it cannot be done safely. */
export const BROKEN_WITH_IMAGE = `image: ghcr.io/acme/api:1.4.1
  extra: [1
`;

/** The chart under `dir`, as path → text. */
export function localChart(dir: string): Record<string, string> {
  return {
    [`${dir}/Chart.yaml`]: CHART_YAML,
    [`${dir}/values.yaml`]: CHART_VALUES,
    [`${dir}/templates/job.yaml`]: JOB_TEMPLATE,
    [`${dir}/templates/_helpers.tpl`]: `{{- define "api.fullname" -}}api{{- end }}\n`,
    [`${dir}/charts/postgres/templates/statefulset.yaml`]: SUBCHART_TEMPLATE,
  };
}
