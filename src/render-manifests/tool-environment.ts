/**
 * The whole environment a rendering tool runs with. Nothing of this
 * process's is passed on (no webhook secret, private key or token); no PATH,
 * so the tool starts no other program (not even `git` for a remote base);
 * and every way to the network is closed: the proxy variables point at a
 * port nothing listens on, with no exception, and git, were it started, may
 * use no transport.
 */

/** The proxy every request of the tool goes to: port 1 of the loopback interface, where nothing listens (and only root could). */
export const CLOSED_PROXY = "http://127.0.0.1:1";

/** The environment of a tool run whose home (and only writable place) is `home`. */
export function toolEnvironment(home: string): NodeJS.ProcessEnv {
  return {
    PATH: "",
    HOME: home,
    LANG: "C",
    HTTP_PROXY: CLOSED_PROXY,
    HTTPS_PROXY: CLOSED_PROXY,
    ALL_PROXY: CLOSED_PROXY,
    http_proxy: CLOSED_PROXY,
    https_proxy: CLOSED_PROXY,
    all_proxy: CLOSED_PROXY,
    NO_PROXY: "",
    no_proxy: "",
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_ALLOW_PROTOCOL: "",
  };
}
