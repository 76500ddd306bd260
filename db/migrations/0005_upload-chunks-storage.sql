-- Upload pieces are CSV bytes kept for minutes: store them uncompressed (TOAST's pglz made writing them about
-- 2.5 times slower, measured with 4 MB pieces), still out of line.
ALTER TABLE "upload_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL;
