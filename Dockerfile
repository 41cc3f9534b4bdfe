# syntax=docker/dockerfile:1
# jobseeker-ledger: multi-stage build. The builder compiles better-sqlite3 and the TypeScript; the runtime
# image holds only dist/, production node_modules and package.json, and runs as the unprivileged `node` user.
#   docker build -t jobseeker-ledger .
#   docker run -p 3000:3000 -v ledger-data:/data jobseeker-ledger

FROM node:20.20.2-bookworm-slim AS builder
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# better-sqlite3 compiles against the image's own Node headers instead of downloading them.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    LEDGER_HOST=0.0.0.0 \
    LEDGER_PORT=3000 \
    LEDGER_DATA_DIR=/data
WORKDIR /app
RUN mkdir -p /data && chown node:node /data
# schema.graphq[l] matches nothing until the GraphQL schema exists; package.json keeps the COPY valid.
COPY package.json schema.graphq[l] ./
COPY --from=builder /app/node_modules ./node_modules
COPY --from=builder /app/dist ./dist
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.LEDGER_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/main.js"]
CMD ["serve"]
