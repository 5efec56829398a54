import { describe, expect, it } from "vitest";
import { hasTemplateActions, isChartTemplate, parseUnlessTemplate } from "../../src/engine/repo/skipped-files.js";
import { BROKEN_NOTES, JOB_TEMPLATE } from "./local-chart.js";

describe("isChartTemplate", () => {
  const listed = new Set(["Chart.yaml", "templates/a.yaml", "deploy/dev/api/Chart.yaml", "deploy/dev/web/templates/x.yaml"]);

  it("is true for files under a templates/ directory beside a Chart.yaml, at any depth below it", () => {
    expect(isChartTemplate("templates/a.yaml", listed)).toBe(true);
    expect(isChartTemplate("deploy/dev/api/templates/job.yaml", listed)).toBe(true);
    expect(isChartTemplate("deploy/dev/api/templates/jobs/migrate.yaml", listed)).toBe(true);
  });

  it("is true under charts/<name>/templates/, the subcharts of a chart, without their Chart.yaml", () => {
    expect(isChartTemplate("deploy/dev/api/charts/postgres/templates/statefulset.yaml", listed)).toBe(true);
  });

  it("is false for the chart's other files and for a templates/ directory that is not a chart's", () => {
    expect(isChartTemplate("deploy/dev/api/values.yaml", listed)).toBe(false);
    expect(isChartTemplate("deploy/dev/api/Chart.yaml", listed)).toBe(false);
    expect(isChartTemplate("deploy/dev/web/templates/x.yaml", listed)).toBe(false);
    expect(isChartTemplate("deploy/dev/api/templates", listed)).toBe(false);
    expect(isChartTemplate("charts/templates/x.yaml", listed)).toBe(false);
  });
});

describe("hasTemplateActions", () => {
  it("finds {{ on a line before any comment", () => {
    expect(hasTemplateActions("{{- if .Values.enabled }}\nkind: Job\n")).toBe(true);
    expect(hasTemplateActions("kind: Job\nmetadata:\n  name: {{ .Release.Name }}\n")).toBe(true);
  });

  it("ignores {{ inside a comment, and text without it", () => {
    expect(hasTemplateActions("# rendered by {{ helm }}\nkind: Job\n")).toBe(false);
    expect(hasTemplateActions("kind: Job # {{ not this }}\n")).toBe(false);
    expect(hasTemplateActions("kind: Job\nname: a{b}\n")).toBe(false);
  });
});

describe("parseUnlessTemplate", () => {
  it("parses YAML, also when its strings hold template actions", () => {
    expect(parseUnlessTemplate("a.yaml", 'name: "{{ .Release.Name }}"\n')?.documents).toHaveLength(1);
  });

  it("gives null for a Go template that does not parse, and throws for any other file that does not", () => {
    expect(parseUnlessTemplate("job.yaml", JOB_TEMPLATE)).toBeNull();
    expect(() => parseUnlessTemplate("notes.yaml", BROKEN_NOTES)).toThrow("notes.yaml:3: not valid YAML");
  });
});
