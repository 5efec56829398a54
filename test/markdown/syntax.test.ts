import { describe, expect, it } from "vitest";
import { codeSpan, fenced, markdownTable, plainText, plainTextWithCode, plural, tableCell, versionCell } from "../../src/engine/markdown/syntax.js";

describe("codeSpan", () => {
  it("wraps text in one backtick, or more than its longest run of backticks with spaces inside", () => {
    expect(codeSpan("deploy/dev/a.yaml")).toBe("`deploy/dev/a.yaml`");
    expect(codeSpan("we`ird")).toBe("`` we`ird ``");
    expect(codeSpan("a ``` b ` c")).toBe("```` a ``` b ` c ````");
  });

  it("escapes pipes and joins lines, so it fits in a table cell", () => {
    expect(codeSpan("a|b\nc\r\nd")).toBe("`a\\|b c d`");
  });
});

describe("fenced", () => {
  it("uses a fence longer than any run of backticks inside, at least three", () => {
    expect(fenced("a: 1\n", "diff")).toBe("```diff\na: 1\n```");
    expect(fenced("```\nx\n```", "diff")).toBe("````diff\n```\nx\n```\n````");
    expect(fenced("`````")).toBe("``````\n`````\n``````");
  });
});

describe("plainText", () => {
  it("makes a reason inert: no mention, no issue reference, no HTML, no emphasis, no link", () => {
    expect(plainText("@acme/sre **urgent** <img src=x> [x](http://evil) #1")).toBe(
      "@&#8203;acme/sre \\*\\*urgent\\*\\* &lt;img src=x&gt; \\[x\\](http:&#8203;//evil) #&#8203;1",
    );
  });

  it("keeps to one line, escapes pipes, backticks, backslashes, math, strikethrough and bare links", () => {
    expect(plainText("a|b `c` \\d $x$ ~~e~~\r\nf\ng www.evil.example me@example.com &amp;")).toBe(
      "a\\|b \\`c\\` \\\\d \\$x\\$ \\~\\~e\\~\\~ f g www&#8203;.evil.example me@&#8203;example.com &amp;amp;",
    );
  });

  it("starts no heading, list, quote or thematic break, and leaves versions alone", () => {
    expect(["# Title", "- item", "+ item", "---", "1. one", "2) two", "> quote", "=== ", "1.4.2", "-rc1"].map(plainText)).toEqual([
      "#&#8203; Title",
      "\\- item",
      "\\+ item",
      "\\---",
      "1\\. one",
      "2\\) two",
      "&gt; quote",
      "\\=== ",
      "1.4.2",
      "-rc1",
    ]);
  });
});

describe("plainTextWithCode", () => {
  it("keeps code spans as code and makes the rest inert", () => {
    expect(plainTextWithCode("held by @alice: **now** (`/unhold production` resumes)")).toBe(
      "held by @&#8203;alice: \\*\\*now\\*\\* (`/unhold production` resumes)",
    );
    expect(plainTextWithCode("a `` b`c `` d `e")).toBe("a `` b`c `` d \\`e");
  });
});

describe("tableCell", () => {
  it("escapes HTML and pipes and keeps to one line", () => {
    expect(tableCell("<script>a & b</script> | c\nd\r\ne")).toBe("&lt;script&gt;a &amp; b&lt;/script&gt; \\| c<br>d<br>e");
  });
});

describe("markdownTable, versionCell, plural", () => {
  it("build a table of versions", () => {
    const digest = `sha256:${"9f86d081884c".padEnd(64, "0")}`;
    const rows = [["api", versionCell({ tag: "1.4.2", digest }), versionCell({ tag: null, digest })]];
    expect(markdownTable(["image", "a", "b"], rows)).toBe(
      "| image | a | b |\n| --- | --- | --- |\n| api | `1.4.2` (`sha256:9f86d081884c`) | `sha256:9f86d081884c` |",
    );
    expect([plural(1, "file"), plural(1200, "policy", "policies")]).toEqual(["1 file", "1,200 policies"]);
  });
});
