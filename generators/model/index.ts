export { buildModel, scalarName } from "./build-model.js";
export { cleanComment, nodeAt } from "./comments.js";
export type {
  Comments, EnumModel, EnumValueModel, FieldKind, FieldModel, FileModel, HttpBinding, MapType, MessageModel,
  MethodModel, Model, PackageModel, ScalarName, ServiceModel, StreamingKind,
} from "./types.js";
