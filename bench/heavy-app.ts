/**
 * `npm run bench`, the app under measurement for bench/heavy-work.ts, in its
 * own process: the whole app behind Probot's HTTP server, with GitHub mocked
 * for the load's repositories (no config) and for the scenario's repository
 * (bench/heavy-scenarios.ts). Prints `{"port": N}` once listening, then
 * serves until its standard input closes (or it is killed).
 *
 * Usage: node --import tsx bench/heavy-app.ts <none|review|image-push>
 */
import nock from "nock";
import { type HeavyScenario, mockScenario, SCENARIO_LABELS } from "./heavy-scenarios.js";
import { mockRepositoriesWithoutConfig, startAppServer } from "./load.js";

const scenario = process.argv[2] as HeavyScenario;
if (!Object.hasOwn(SCENARIO_LABELS, scenario)) {
  console.error(`usage: bench/heavy-app.ts <${Object.keys(SCENARIO_LABELS).join("|")}>`);
  process.exit(2);
}
nock.disableNetConnect();
mockRepositoriesWithoutConfig();
mockScenario(scenario);
const { port } = await startAppServer();
console.log(JSON.stringify({ port }));
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
