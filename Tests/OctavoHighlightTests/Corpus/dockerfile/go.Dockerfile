FROM golang:1.22 AS builder
WORKDIR /go/src/app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /out/tides ./cmd/tides

FROM gcr.io/distroless/static-debian12
COPY --from=builder /out/tides /tides
USER nonroot:nonroot
ENTRYPOINT ["/tides"]
