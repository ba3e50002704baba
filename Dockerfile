# The migrator image used by docker-compose.yml: Debian 12 with the packages of
# scripts/deps.sh and the binary built from this checkout. The working directory is the
# repository, so plan paths such as scenarios/vendor_normalization work as on the host.
FROM debian:bookworm-slim

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
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/migrator
COPY . .
RUN cmake -S . -B /tmp/build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
 && cmake --build /tmp/build --target migrator --parallel "$(nproc)" \
 && install -m 0755 /tmp/build/src/migrator /usr/local/bin/migrator \
 && rm -rf /tmp/build

ENTRYPOINT ["/usr/local/bin/migrator"]
CMD ["--help"]
