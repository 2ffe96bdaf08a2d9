// Memberships of every term, without person keys, birth dates or source rows.
import { members } from "../../src/warehouse.ts";
import { writeArrow } from "./lib/warehouse.ts";

const columns = [
  "term",
  "unit_id",
  "township",
  "unit",
  "body",
  "position",
  "name",
  "gender",
  "ethnicity",
  "age",
  "education",
  "college_plus",
  "party_member",
  "elected_on",
];
await writeArrow(members, {
  columns,
  orderBy: ["term", "township", "unit_id", "body", "source_file", "source_row"],
});
