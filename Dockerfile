# The migrator image used by docker-compose.yml, in two stages:
#  - build: Debian 12 with the packages of scripts/deps.sh; builds the .deb (cpack), as a
#    user would (README, "Install").
#  - the image: bookworm-slim with that .deb installed, so apt brings exactly its Depends
#    (the runtime libraries) and no compiler or -dev package; it runs as a user of its own.
# The working directory is /opt/migrator, where docker-compose.yml mounts migrations/ and
# scenarios/, so plan paths such as scenarios/vendor_normalization work as on the host.
FROM debian:bookworm-slim AS build

# The same list as MIGRATOR_BUILD_PACKAGES in scripts/deps.sh, one per line (checked by
# tests/tooling/docker_compose_test.cpp). A layer of its own: editing the code reuses it.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential \
      cmake \
      ninja-build \
      pkg-config \
      libsoci-dev \
      libsqlite3-dev \
      libpq-dev \
      libssl-dev \
      libyaml-cpp-dev \
      libcli11-dev \
      catch2 \
      libpg-query-dev \
      nlohmann-json3-dev \
      libfmt-dev \
      libexpected-dev \
      libpng-dev \
      file \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
# .git stays out of the build context (.dockerignore): name the commit for --version with
#   docker compose build --build-arg MIGRATOR_GIT_COMMIT=$(git rev-parse --short=12 HEAD)
ARG MIGRATOR_GIT_COMMIT=
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
      -DMIGRATOR_GIT_COMMIT="${MIGRATOR_GIT_COMMIT}" \
 && cmake --build /build --parallel "$(nproc)" \
 && cd /build && cpack -G DEB && mv migrator_*.deb /migrator.deb

FROM debian:bookworm-slim
COPY --from=build /migrator.deb /tmp/migrator.deb
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/migrator.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/migrator.deb \
 && useradd --system --uid 10001 --user-group --create-home --home-dir /opt/migrator migrator
USER migrator
WORKDIR /opt/migrator
ENTRYPOINT ["migrator"]
CMD ["--help"]
