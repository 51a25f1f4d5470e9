# syntax=docker/dockerfile:1
# Theo Dõi as a container: built with every dependency, run with the production ones only.
# Build: docker build -t theodoi .   Run on PostgreSQL: see deploy/compose.yaml.

# --- build: TypeScript → dist/, the dashboard → web/dist/ and web/dist-ssr/ (needs the dev dependencies: tsc, vite)
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- run: the compiled server without any development tool, Debian's chromium for PDF reports
FROM node:24-slim
# chromium renders PDF reports (playwright-core drives it); fonts-liberation has Vietnamese glyphs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium \
    HOST=0.0.0.0 \
    PORT=3000 \
    THEODOI_DATA_DIR=/var/lib/theodoi
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/web/dist-ssr ./web/dist-ssr
# Never root: the server needs to write only its data directory (PGlite when no DATABASE_URL).
RUN useradd --system --uid 10001 --home-dir /var/lib/theodoi --shell /usr/sbin/nologin theodoi \
 && mkdir -p /var/lib/theodoi && chown theodoi:theodoi /var/lib/theodoi
USER theodoi
VOLUME ["/var/lib/theodoi"]
EXPOSE 3000
# Liveness: /api/health answers 200 while the process serves; node's fetch, so no curl in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/theodoi.js", "serve"]
