# The single Majordome binary in a small Debian image. A thin mirror of the tested commands
# (README "Run it", docs/DEPLOYMENT.md): it is NOT built or tested on the project's machines
# (no container runtime there), so keep it to those commands.
#
#   docker build -t majordome .
#   docker run -p 3000:3000 -v majordome-data:/var/lib/majordome --env-file env majordome

FROM rust:1-bookworm AS build
WORKDIR /src
# The Yew apps are compiled to WebAssembly and embedded by backend/build.rs.
RUN rustup target add wasm32-unknown-unknown
COPY . .
RUN cargo build --release --locked -p majordome \
    && cp target/release/majordome /usr/local/bin/majordome

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates sqlite3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/majordome --create-home majordome
COPY --from=build /usr/local/bin/majordome /usr/local/bin/majordome
USER majordome
WORKDIR /var/lib/majordome
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=sqlite:///var/lib/majordome/concierge.db?mode=rwc
EXPOSE 3000
VOLUME /var/lib/majordome
# Liveness through bash's /dev/tcp (the slim image has no curl).
HEALTHCHECK --interval=10s --timeout=3s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/3000 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM (docker stop) is a graceful stop.
ENTRYPOINT ["majordome"]
CMD ["serve"]
