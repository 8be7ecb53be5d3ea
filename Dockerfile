# syntax=docker/dockerfile:1

# --- build: install every workspace (native better-sqlite3 included) and build the web app ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
# Compilers for better-sqlite3, used only when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
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
RUN npm run build --workspace frontend

# --- runtime: the same base image (the native module was built for it), run as an unprivileged user ---
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
# The backend runs its TypeScript through tsx (the workspaces export their sources), so the
# installed tree is copied whole. The code stays owned by root: the app may write only its data.
COPY --from=build /app /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# 3000: the backend's HTTP. 3001: the projections worker's /health when PROJECTIONS_HEALTH_PORT=3001.
EXPOSE 3000 3001
VOLUME ["/app/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The backend by default; the projections worker is the same image with
# `node --import tsx backend/src/projections-worker.ts` (see docker-compose.yml, which also gives it
# its own health check).
CMD ["node", "--import", "tsx", "backend/src/server.ts"]
