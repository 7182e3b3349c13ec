# Serves the built book with nginx.
FROM alpine:3.20 AS fetch
ARG BOOK_URL
RUN apk add --no-cache curl unzip \
    && mkdir -p /book \
    && curl -fsSL "$BOOK_URL" -o /tmp/book.zip \
    && unzip -q /tmp/book.zip -d /book

FROM nginx:1.27-alpine
COPY --from=fetch /book /usr/share/nginx/html
COPY nginx.conf /etc/nginx/conf.d/default.conf
EXPOSE 80
STOPSIGNAL SIGQUIT
