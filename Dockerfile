# syntax=docker/dockerfile:1
# Parley in one container: docker build -t parley . && docker run -p 3001:3001 -v parley:/data parley

# Builder: install from the lockfile, bundle the server into one file, build the web app.
FROM node:20-bookworm-slim AS build
WORKDIR /src
# The npm the lockfile was made with (allowScripts needs npm 11).
RUN npm install -g npm@11.19.1
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY apps/cli/package.json apps/cli/
COPY packages/wsx/package.json packages/wsx/
COPY packages/events/package.json packages/events/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@parley/server --filter=@parley/web

# Runtime: Bun and the build outputs (the bundled server, its SQLite writer thread, the events' JSON Schema, the web app),
# and sharp, which is native and so not bundled: its loader, what that imports (detect-libc, semver, @img/colour) and the
# build platform's prebuilt binary and libvips (npm installed only those under @img), about 20 MB. Nothing else.
FROM oven/bun:1.4.5-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production PORT=3001 DATA_DIR=/data
COPY --from=build /src/apps/server/dist/server.js /src/apps/server/dist/server.js.map /src/apps/server/dist/sqlite-writer.worker.ts /src/apps/server/dist/events.schema.json ./
COPY --from=build /src/apps/web/dist ./public
COPY --from=build /src/node_modules/sharp/package.json ./node_modules/sharp/
COPY --from=build /src/node_modules/sharp/dist ./node_modules/sharp/dist
COPY --from=build /src/node_modules/@img ./node_modules/@img
COPY --from=build /src/node_modules/detect-libc ./node_modules/detect-libc
COPY --from=build /src/node_modules/semver ./node_modules/semver
RUN mkdir -p /data && chown bun:bun /data
USER bun
VOLUME /data
EXPOSE 3001
# Liveness only: a server that waits for PostgreSQL or Redis is alive and heals by itself;
# load balancers ask /api/readyz whether to send it clients.
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 \
  CMD ["bun", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/livez`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["bun", "server.js"]
