/** Who did something, as GitHub's GraphQL API names them, and that name as its REST API spells it. */

/** An actor (a user, a bot, …) as GraphQL answers `{ __typename login }`. */
export interface Actor {
  __typename: string;
  login: string;
}

/** An actor's login as the REST API spells it: GraphQL names an app's bot by its slug alone, REST as `<app-slug>[bot]`; "" for an account GitHub no longer knows. */
export function restLogin(actor: Actor | null): string {
  if (actor === null) return "";
  return actor.__typename === "Bot" && !actor.login.endsWith("[bot]") ? `${actor.login}[bot]` : actor.login;
}
