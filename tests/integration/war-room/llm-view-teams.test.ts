import { teamsDriver } from "../../support/war-room-drivers.ts";
import { llmViewSuite } from "./llm-view.suite.ts";

llmViewSuite(teamsDriver);
