FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY client ./client
COPY public ./public
# The development engine (FerretDB build, relay, supervisor) stays out of the image: production sets MONGODB_URI,
# and the database module loads src/dev-engine only when it is unset.
RUN rm -r src/dev-engine && npm run build && npm prune --omit=dev

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
