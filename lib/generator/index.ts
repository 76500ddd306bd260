export {
  generateDataset,
  lastCompleteMonth,
  AZURE_HEADER,
  M365_HEADER,
  type GenerateOptions,
  type GenerateSummary,
  type DatasetWriters,
} from "./generate";
export { mulberry32, deriveSeed, type Random } from "./prng";
export { CsvWriter, csvField, type ChunkSink } from "./csv-writer";
