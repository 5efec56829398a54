# syntax=docker/dockerfile:1
#
# Promenade's container image: docs/operations.md says how to build and run it.
#
#   docker build -t ghcr.io/your-org/promenade:0.1.0 .
#
# Pin the base image by digest in your own builds (node:20-bookworm-slim@sha256:...);
# Promenade can then promote that pin like any other image reference.

# ---- build: compile the TypeScript sources to dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
# The lockfile first, so the dependency layer is reused while only sources change.
# --ignore-scripts: the package's `prepare` script runs the build, and the sources are not copied yet.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, dist/ and app.yml, as a non-root user ----
FROM node:20-bookworm-slim AS runtime
# tini as PID 1: it forwards SIGTERM to node (node as PID 1 ignores it, so a
# stop would wait for the kill timeout) and reaps child processes (kustomize/kubectl renders).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# HOST: Probot listens on localhost only unless told otherwise.
# LOG_FORMAT: `probot run` prints pretty logs unless told json, even in production.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run the build, which needs the dev dependencies.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY app.yml ./
# The files above stay owned by root: the app cannot change its own code.
USER node
EXPOSE 3000
# 200 when the queue (and Redis, with REDIS_URL) answer; node itself asks, as slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs, without npm in between: Probot's server, a start-up error on one line.
CMD ["node", "dist/start.js"]
