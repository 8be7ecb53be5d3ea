# syntax=docker/dockerfile:1

# --- toolchain: compilers for better-sqlite3, used only when no prebuilt binary fits ---
FROM node:22-bookworm-slim AS toolchain
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

# --- build: every workspace installed; the web app and the backend bundle built ---
FROM toolchain AS build
# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY event-store/package.json event-store/
COPY projections/package.json projections/
COPY telnyx-sim/package.json telnyx-sim/
COPY backend/package.json backend/
COPY launcher/package.json launcher/
COPY frontend/package.json frontend/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- prod-deps: the packages the bundle imports and what they need, no development tools ---
FROM toolchain AS prod-deps
# Only the backend and the workspaces compiled into it: their production dependencies are what the
# bundle imports from node_modules. The backend's development dependencies are dropped from its
# manifest first, as npm would otherwise install a workspace it names (the simulator) with all of
# that workspace's dependencies. The workspace links npm makes point at sources the runtime does not
# have (the bundle contains their code), so they go too. What npm nests in backend/node_modules (a
# version that differs from the hoisted one) is kept: the bundle in backend/dist resolves it first.
COPY package.json package-lock.json ./
COPY contracts/package.json contracts/
COPY event-store/package.json event-store/
COPY projections/package.json projections/
COPY backend/package.json backend/
RUN npm pkg delete devDependencies --workspace backend \
 && npm ci --omit=dev --workspace backend --no-audit --no-fund \
 && rm -rf node_modules/@curbe-voice \
 && mkdir -p backend/node_modules

# --- runtime: the same base image (the native module was built for it), run as an unprivileged user ---
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
# The code stays owned by root: the app may write only its data.
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=prod-deps /app/backend/node_modules backend/node_modules
# backend/package.json marks the bundle's .js files as ES modules.
COPY --from=build /app/backend/package.json backend/package.json
COPY --from=build /app/backend/dist backend/dist
# Served by the backend from ../../frontend/dist relative to its bundle.
COPY --from=build /app/frontend/dist frontend/dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# 3000: the backend's HTTP. 3001: the projections worker's /health when PROJECTIONS_HEALTH_PORT=3001.
EXPOSE 3000 3001
VOLUME ["/app/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The backend by default. The same image runs the projections worker
# (`node --enable-source-maps backend/dist/projections-worker.js`, see docker-compose.yml, which also
# gives it its own health check) and the audit CLI (`node backend/dist/cli/audit.js verify <accountId>`).
# The backend needs TELNYX_API_KEY, TELNYX_PUBLIC_KEY and TELNYX_API_BASE_URL: the image has no simulator.
CMD ["node", "--enable-source-maps", "backend/dist/server.js"]
