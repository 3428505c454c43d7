import { InvalidArgumentError } from '@puregrad/tensor';

/** The position of training when the loss stopped being finite: epochs and steps counted from 0. */
export interface TrainingPosition {
  readonly epoch: number;
  readonly step: number;
}

/**
 * Training produced a NaN or infinite loss or network output. `fit` throws it with the epoch and
 * step; a bare `Network.train` throws it without them. The optimizer step is not taken, so the
 * values passed in are the last finite ones.
 */
export class NonFiniteLossError extends InvalidArgumentError {
  override name = 'NonFiniteLossError';
  readonly loss: number;
  readonly position: TrainingPosition | undefined;

  constructor(message: string, loss: number, position?: TrainingPosition) {
    super(message);
    this.loss = loss;
    this.position = position;
  }
}
