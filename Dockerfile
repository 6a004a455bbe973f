# syntax=docker/dockerfile:1
#
# One image for both processes (BuildKit is needed for the cache mounts; it is Docker's default builder):
#   docker build -t alveole .
#   docker run -p 3000:3000 -e JWT_SECRET=... alveole                 # api (default command)
#   docker run -e JWT_SECRET=... -e DATABASE_URL=... -e REDIS_URL=... alveole node dist/apps/worker/src/main.js
# The image HEALTHCHECK probes the api's HTTP port: disable it for the worker (docker-compose.yml does).
#
# Node 24 rather than 22: both load Nest 12's ES modules through require(esm) with no flag, but 24 is
# supported until April 2028 (22 until April 2027), satisfies every dependency's `engines` range
# (nestjs-pino wants >= 22.12, file-type/cookie/content-disposition >= 22) and ships npm 11, the
# npm that wrote package-lock.json. Development and CI run on Node 20.19+ (see README "Node 20 and ESM").
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- deps: every dependency, dev included, exactly as locked
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs an install script here (@node-rs/argon2 and @swc/core come as
# prebuilt per-platform packages, msgpackr-extract likewise with a JS fallback, PGlite is wasm); it also
# skips swagger-ui's analytics postinstall and any root lifecycle script.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# ---- build: tsc + tsc-alias -> dist/
FROM deps AS build
COPY . .
RUN npm run build

# ---- runtime: production dependencies and dist/ only, as the unprivileged `node` user
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/alveole
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The code stays root-owned (read-only for the app). DATA_DIR is the only writable place: the embedded
# PGlite database lives there when DATABASE_URL is unset (mount a volume on it to keep that data).
RUN mkdir -p /var/lib/alveole && chown node:node /var/lib/alveole
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node directly, not `npm start`: the process gets SIGTERM itself and drains (SHUTDOWN_GRACE_MS), and the
# api runs pending migrations before it listens. The flags are npm start's (README, "Runtime flags").
CMD ["node", "--no-memory-reducer", "dist/apps/api/src/main.js"]
