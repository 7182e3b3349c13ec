# syntax=docker/dockerfile:1
FROM swift:6.0-jammy AS build
WORKDIR /src

# Dependencies first, for the layer cache.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcmark-gfm-dev libxml2-dev libzip-dev \
    && rm -rf /var/lib/apt/lists/*

COPY Package.swift ./
RUN swift package resolve
COPY . .
RUN swift build -c release --product octavo

FROM ubuntu:24.04
COPY --from=build /src/.build/release/octavo /usr/local/bin/octavo
ENTRYPOINT ["octavo"]
CMD ["--help"]
