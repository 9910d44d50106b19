# syntax=docker/dockerfile:1
# briefbot: one process per container; see README "Running in production". CI does not build this image;
# its steps are the ones verified by hand in a clean folder (README, "Checking the image's steps").

# ---- dependencies: production only, with the tools better-sqlite3 needs to build from source ----------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# ---- runtime: no compilers, no dev dependencies, not root ----------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# tsx (a dependency) runs the TypeScript sources directly: there is no build step.
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY config ./config
COPY briefings ./briefings
# The SQLite default lives here (mount a volume); with BRIEFBOT_DATABASE=postgres://… nothing is written.
RUN mkdir -p /app/data && chown node:node /app/data
USER node

# Absolute paths, so nothing depends on the working directory. Listen on every interface of the container:
# the platforms' endpoints for the load balancer, the ops listener for probes and Prometheus.
ENV BRIEFBOT_BRIEFINGS_DIR=/app/briefings \
    BRIEFBOT_CONFIG_DIR=/app/config \
    BRIEFBOT_DATABASE=/app/data/briefbot.db \
    DISCORD_HTTP_HOST=0.0.0.0 \
    SLACK_HTTP_HOST=0.0.0.0 \
    BRIEFBOT_OPS_HOST=0.0.0.0 \
    BRIEFBOT_OPS_PORT=9464 \
    LOG_FORMAT=json
VOLUME ["/app/data"]
# 8787 Discord HTTP interactions, 3000 Slack HTTP mode, 9464 ops (/healthz, /readyz, /metrics).
EXPOSE 8787 3000 9464

# Liveness only: the process answers. Readiness (GET /readyz) is for the load balancer or orchestrator.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.BRIEFBOT_OPS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# SIGTERM (docker stop) shuts down gracefully within BRIEFBOT_SHUTDOWN_GRACE_SECONDS (default 8 s, under
# docker's 10 s); node runs as PID 1 and handles it itself.
STOPSIGNAL SIGTERM
CMD ["node", "bin/briefbot.js", "start"]
