FROM python:3.12-slim AS base

ARG VERSION=1.0.0
LABEL org.opencontainers.image.title="octavo-bench" \
      org.opencontainers.image.version="${VERSION}"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /bench
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
RUN python -m compileall -q src

VOLUME ["/bench/results"]
ENTRYPOINT ["python", "-m", "octavo_bench"]
CMD ["--quick"]
